package org.neurite.api;

/** Measures how far a batch of predictions is from its targets, as a scalar to minimise. */
public interface Loss {

    /**
     * A class target equal to this is ignored: it adds nothing to the loss, which is averaged
     * over the other targets only (PyTorch's {@code ignore_index}). Padded steps of per-step
     * targets hold it.
     */
    int IGNORE_INDEX = -100;

    /** @return the name it is registered under, such as {@code cross_entropy} */
    String name();

    /**
     * Computes the loss, averaged over the batch.
     *
     * @param prediction the model output, {@code [batch, ...]}
     * @param target the targets: class indices stored as floats ({@code [batch]}, or
     *     {@code [batch, time]} against a prediction {@code [batch, time, classes]}) for
     *     classification losses, values of the prediction's shape for regression losses
     * @return a scalar tensor
     * @throws ShapeMismatchException if prediction and target do not fit, naming both shapes
     */
    Tensor compute(Tensor prediction, Tensor target);
}
