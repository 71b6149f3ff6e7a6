package org.neurite.launcher.plugin;

/**
 * An extension could not be created, for example because its constructor threw or needs
 * something nothing provides. Unlike PF4J's own exception, which PF4J logs and skips, this one
 * reaches the launcher, which then disables the plugin and says why.
 */
public final class ExtensionCreationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param extensionClass the class that could not be created
     * @param problem what went wrong, in one line
     * @param cause the underlying exception
     */
    public ExtensionCreationException(String extensionClass, String problem, Throwable cause) {
        super("cannot create extension " + extensionClass + ": " + problem, cause);
    }
}
