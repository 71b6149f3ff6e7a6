package org.neurite.spark.ring;

/**
 * A ring all-reduce could not be set up or did not complete: a peer did not connect or did not
 * accept a connection in time, sent something that does not belong to this ring, went silent or
 * closed its connection. The message names the peer (its rank and address).
 */
public final class RingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the peer */
    public RingException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, naming the peer
     * @param cause the underlying failure
     */
    public RingException(String message, Throwable cause) {
        super(message, cause);
    }
}
