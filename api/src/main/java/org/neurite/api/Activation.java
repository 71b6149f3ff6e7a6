package org.neurite.api;

/** An elementwise (or, for softmax, per-row) function between layers. */
public interface Activation {

    /** @return the name it is registered under, such as {@code relu} */
    String name();

    /**
     * Applies the function.
     *
     * @param x the input
     * @return the output, of the same shape
     */
    Tensor apply(Tensor x);
}
