package org.neurite.api;

/**
 * Thrown when a configured option is missing, of the wrong type or out of range. The message
 * starts with the option's full key path, for example
 * {@code "model.layers[2].units: expected a positive integer, got -3"}.
 */
public class OptionException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String path;

    /**
     * Creates the exception.
     *
     * @param path the full key path of the option, such as {@code model.layers[2].units}
     * @param problem what is wrong with it
     */
    public OptionException(String path, String problem) {
        super(path.isEmpty() ? problem : path + ": " + problem);
        this.path = path;
    }

    /** @return the full key path of the offending option */
    public String path() {
        return path;
    }
}
