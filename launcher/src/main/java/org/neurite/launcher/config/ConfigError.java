package org.neurite.launcher.config;

/**
 * One problem found in a run config, shown as one line a person can act on:
 * {@code config.yaml:14: model.layers[2].units: expected a whole number, got "abc"}.
 *
 * @param location where it was written: {@code config.yaml:14}, {@code --set training.epochs=x},
 *     or just the file name when no line is known
 * @param message the problem, starting with its key path where it has one
 */
public record ConfigError(String location, String message) {

    /** @return the error as one line: the location, then the message */
    @Override
    public String toString() {
        return location.isEmpty() ? message : location + ": " + message;
    }
}
