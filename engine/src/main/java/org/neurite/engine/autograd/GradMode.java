package org.neurite.engine.autograd;

import org.neurite.api.GradScope;

/** Whether operations on the current thread are recorded for backpropagation. */
public final class GradMode {

    private static final ThreadLocal<Boolean> ENABLED = ThreadLocal.withInitial(() -> Boolean.TRUE);

    private GradMode() {
    }

    /** @return whether recording is on for this thread */
    public static boolean isEnabled() {
        return ENABLED.get();
    }

    /** @return a scope with recording off; closing it restores the previous mode */
    public static GradScope disable() {
        boolean previous = ENABLED.get();
        ENABLED.set(Boolean.FALSE);
        return () -> ENABLED.set(previous);
    }
}
