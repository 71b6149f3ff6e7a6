package org.neurite.pluginloader;

/** A plugin that cannot be loaded, with the plugin and the reason in its message. */
public final class PluginLoadException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message the plugin and why it cannot be loaded
     */
    public PluginLoadException(String message) {
        super(message);
    }

    /**
     * @param message the plugin and why it cannot be loaded
     * @param cause what failed
     */
    public PluginLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
