package org.neurite.launcher.run;

import org.neurite.engine.registry.ComponentException;

/**
 * Training stopped because code failed during a step (a layer's forward or backward, the loss,
 * the optimizer): the message says when ({@code epoch 2, step 17}), where (the layer's place and
 * type when a layer failed, forward or backward; the optimizer's type when its step failed) and,
 * once {@link #from placed}, whose code it was.
 */
public final class TrainingStepException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param epoch the epoch, from 1
     * @param step the step of the run, from 1
     * @param cause the failure
     */
    public TrainingStepException(int epoch, long step, Throwable cause) {
        super("epoch " + epoch + ", step " + step + ": " + where(cause), cause);
    }

    /** A layer's place is within the model ({@code model.layers[1] (dense) ...}); the optimizer's is its own. */
    private static String where(Throwable cause) {
        if (cause instanceof ComponentException c) {
            return c.path().startsWith("layers") ? "model." + c.getMessage() : c.getMessage();
        }
        return "training failed: " + ComponentException.describe(cause);
    }

    private TrainingStepException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * @param origin whose code failed, such as {@code plugin 'noise' 1.0.0}, or {@code null}
     * @return this failure with its origin named
     */
    public TrainingStepException from(String origin) {
        if (origin == null) {
            return this;
        }
        TrainingStepException named = new TrainingStepException(getMessage() + " [in " + origin + "]", getCause());
        named.setStackTrace(getStackTrace());
        return named;
    }
}
