package org.neurite.spark;

/** Training on Spark cannot start or go on: the message is one line saying what and where. */
public final class SparkTrainingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, one line */
    public SparkTrainingException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, one line
     * @param cause what Spark or the executor reported
     */
    public SparkTrainingException(String message, Throwable cause) {
        super(message, cause);
    }
}
