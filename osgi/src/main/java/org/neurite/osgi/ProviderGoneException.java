package org.neurite.osgi;

/** A model in use needs a component whose bundle stopped. */
public class ProviderGoneException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what is gone, from which bundle, and when
     */
    public ProviderGoneException(String message) {
        super(message);
    }
}
