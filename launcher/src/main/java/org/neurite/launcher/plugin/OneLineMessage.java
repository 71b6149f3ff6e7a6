package org.neurite.launcher.plugin;

/** Turns an exception into the one line a person reads: its message, or its type when it has none. */
public final class OneLineMessage {

    private OneLineMessage() {
    }

    /**
     * @param e an exception
     * @return its message on one line; the type's simple name (and the cause's message) when the
     *     message is missing, so that {@code NoClassDefFoundError: a/b/C} still says what is missing
     */
    public static String of(Throwable e) {
        String message = e.getMessage();
        String line;
        if (message == null || message.isBlank()) {
            line = e.getClass().getSimpleName();
            if (e.getCause() != null && e.getCause() != e) {
                line += " (" + of(e.getCause()) + ")";
            }
        } else if (e instanceof LinkageError || e instanceof ClassNotFoundException
                || e instanceof NullPointerException) {
            // their messages are only a class name or an expression; the type says what happened
            line = e.getClass().getSimpleName() + ": " + message;
        } else {
            line = message;
        }
        return line.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
