package org.neurite.engine.registry;

/**
 * A component's own code failed (not its options or shapes): the message names where the
 * component was configured and who provides it, such as
 * {@code model.layers[1]: layer type 'noisy' of plugin 'noise' 1.0.0 failed to build: IllegalStateException: ...}.
 */
public final class ComponentException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String path;
    private final String problem;

    /**
     * @param path the key path where the component is configured, or empty
     * @param problem what failed, naming the component and its owner
     * @param cause the failure, or {@code null}
     */
    public ComponentException(String path, String problem, Throwable cause) {
        // a problem that starts with the component's type follows its place: "layers[1] (dense) forward failed"
        super(path.isEmpty() ? problem : problem.startsWith("(") ? path + " " + problem : path + ": " + problem, cause);
        this.path = path;
        this.problem = problem;
    }

    /** @return the key path of the component, such as {@code layers[2]}; empty if unknown */
    public String path() {
        return path;
    }

    /**
     * @param outer the place of the enclosing component, such as {@code layers[0]} or {@code model}
     * @return the same failure, placed inside the enclosing component ({@code layers[0].layers[2]})
     */
    public ComponentException within(String outer) {
        ComponentException placed = new ComponentException(path.isEmpty() ? outer : outer + "." + path, problem,
                getCause());
        placed.setStackTrace(getStackTrace());
        return placed;
    }

    /**
     * @param origin whose code failed, such as {@code plugin 'noise' 1.0.0}, or {@code null}
     * @return this failure with its origin named: {@code ... [in plugin 'noise' 1.0.0]}
     */
    public ComponentException from(String origin) {
        if (origin == null) {
            return this;
        }
        ComponentException named = new ComponentException(path, problem + " [in " + origin + "]", getCause());
        named.setStackTrace(getStackTrace());
        return named;
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
