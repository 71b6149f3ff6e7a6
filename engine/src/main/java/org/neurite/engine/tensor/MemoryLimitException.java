package org.neurite.engine.tensor;

/**
 * Thrown before an allocation that cannot succeed: a size taken from input that needs more
 * elements than an array holds or more memory than the heap has left. The message names the
 * thing, its size and the limit.
 */
public class MemoryLimitException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** @param message what is too large, by how much, and the limit */
    public MemoryLimitException(String message) {
        super(message);
    }
}
