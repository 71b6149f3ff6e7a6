package org.neurite.launcher.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown when a run config (or a command line naming one) is wrong, before anything runs. It
 * carries every problem found, each shown as one line; the command exits with code 2.
 */
public class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<ConfigError> errors;

    /**
     * @param errors the problems, at least one
     */
    public ConfigException(List<ConfigError> errors) {
        super(errors.stream().map(ConfigError::toString).collect(Collectors.joining(System.lineSeparator())));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a config exception needs at least one error");
        }
        this.errors = List.copyOf(errors);
    }

    /**
     * @param location where the problem was written
     * @param message the problem
     */
    public ConfigException(String location, String message) {
        this(List.of(new ConfigError(location, message)));
    }

    /**
     * A problem at a key path: {@code "config.yaml:7: data.train: PROBLEM"}; the key is written once
     * when it is the place itself, as a command-line option ({@code "--csv: PROBLEM"}).
     *
     * @param location where the problem was written, such as {@code config.yaml:7} or {@code --csv}
     * @param path the key path there, such as {@code data.train}, or the option again
     * @param problem what is wrong
     * @return the exception
     */
    public static ConfigException at(String location, String path, String problem) {
        return new ConfigException(location, location.equals(path) ? problem : path + ": " + problem);
    }

    /** @return the problems, in the order found */
    public List<ConfigError> errors() {
        return errors;
    }
}
