package org.neurite.engine.io;

/**
 * Thrown instead of saving a model whose weights hold NaN or an infinity: such a model cannot
 * predict anything, so no file claims it can. The message names the parameter and the element.
 */
public class NonFiniteWeightsException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** @param message the parameter, the element and its value */
    public NonFiniteWeightsException(String message) {
        super(message);
    }
}
