package org.neurite.api;

/** Measures how far a batch of predictions is from its targets, as a scalar to minimise. */
public interface Loss {

    /**
     * A class target equal to this is ignored: it adds nothing to the loss, which is averaged
     * over the other targets only (PyTorch's {@code ignore_index}). Padded steps of per-step
     * targets hold it.
     */
    int IGNORE_INDEX = -100;

    /**
     * A value target equal to this (NaN) is ignored by the regression losses: it adds nothing to
     * the loss, which is averaged over the other elements only. Padded steps of per-step value
     * targets ({@code [batch, time, features]}) hold it, as padded class targets hold
     * {@link #IGNORE_INDEX}. Test for it with {@link Float#isNaN}.
     */
    float IGNORED_VALUE = Float.NaN;

    /** @return the name it is registered under, such as {@code cross_entropy} */
    String name();

    /**
     * Computes the loss, averaged over the batch.
     *
     * @param prediction the model output, {@code [batch, ...]}
     * @param target the targets: class indices stored as floats ({@code [batch]}, or
     *     {@code [batch, time]} against a prediction {@code [batch, time, classes]}) for
     *     classification losses, values of the prediction's shape for regression losses (such as
     *     {@code [batch, time, features]}, {@link #IGNORED_VALUE} at padded steps)
     * @return a scalar tensor
     * @throws ShapeMismatchException if prediction and target do not fit, naming both shapes
     */
    Tensor compute(Tensor prediction, Tensor target);
}
