package org.neurite.engine.optim.clip;

import org.neurite.api.Parameter;

/** Which gradients clipping touches: those of trainable parameters that have one. */
final class Gradients {

    private Gradients() {
    }

    /** @return the live gradient of a trainable parameter, or {@code null} for a frozen one or none yet */
    static float[] of(Parameter p) {
        return p.trainable() ? p.gradient() : null;
    }
}
