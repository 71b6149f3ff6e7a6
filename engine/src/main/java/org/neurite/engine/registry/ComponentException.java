package org.neurite.engine.registry;

/**
 * A component's own code failed (not its options or shapes): the message names where the
 * component was configured and who provides it, such as
 * {@code model.layers[1]: layer type 'noisy' of plugin 'noise' 1.0.0 failed to build: IllegalStateException: ...}.
 */
public final class ComponentException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param path the key path where the component is configured, or empty
     * @param problem what failed, naming the component and its owner
     * @param cause the failure, or {@code null}
     */
    public ComponentException(String path, String problem, Throwable cause) {
        super(path.isEmpty() ? problem : path + ": " + problem, cause);
    }

    /**
     * @param failure a throwable
     * @return its class's simple name and message on one line, such as {@code NoClassDefFoundError: com/x/Y}
     */
    public static String describe(Throwable failure) {
        String message = failure.getMessage();
        String first = message == null ? "" : message.lines().findFirst().orElse("");
        return failure.getClass().getSimpleName() + (first.isEmpty() ? "" : ": " + first);
    }
}
