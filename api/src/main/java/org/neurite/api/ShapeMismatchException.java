package org.neurite.api;

/**
 * Thrown when tensors or layers do not fit together. The message names the operation or
 * layer and every shape involved, for example
 * {@code "matmul: [128, 784] x [256, 100]: inner dimensions 784 and 256 differ"}.
 */
public class ShapeMismatchException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what did not fit, naming the operation and the shapes
     */
    public ShapeMismatchException(String message) {
        super(message);
    }
}
