package org.neurite.launcher.plugin;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What became of one plugin: started with the providers it contributes, or disabled with the
 * reason, in one line a person can act on.
 *
 * @param id the plugin's id, or the file name when its descriptor could not be read
 * @param version the plugin's version, or {@code "?"} when unknown
 * @param state whether the plugin works
 * @param reason why it is disabled; {@code null} when started
 * @param provides the providers it contributes, such as {@code layer type mlp}; empty when disabled
 * @param source the zip, jar or folder it was loaded from
 */
public record PluginStatus(String id, String version, State state, String reason, List<String> provides,
                           Path source) {

    /** Whether a plugin works. */
    public enum State {
        /** Loaded, started, and its providers registered. */
        STARTED,
        /** Left out: none of its providers is registered. */
        DISABLED
    }

    /** Checks the components. */
    public PluginStatus {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(state, "state");
        provides = List.copyOf(provides);
        if ((state == State.DISABLED) != (reason != null)) {
            throw new IllegalArgumentException("a disabled plugin needs a reason, a started one has none: " + id);
        }
    }

    /**
     * @param id the plugin's id
     * @param version its version
     * @param provides the providers it contributes
     * @param source where it was loaded from
     * @return the status of a working plugin
     */
    public static PluginStatus started(String id, String version, List<String> provides, Path source) {
        return new PluginStatus(id, version, State.STARTED, null, provides, source);
    }

    /**
     * @param id the plugin's id, or its file name
     * @param version its version, or {@code "?"}
     * @param reason why it is left out, in one line
     * @param source where it was found
     * @return the status of a plugin left out
     */
    public static PluginStatus disabled(String id, String version, String reason, Path source) {
        return new PluginStatus(id, version, State.DISABLED, reason, List.of(), source);
    }

    /** @return whether the plugin works */
    public boolean isStarted() {
        return state == State.STARTED;
    }

    /** @return the one-line report of a disabled plugin, such as {@code plugin 'x' is disabled: ...} */
    public String problem() {
        return "plugin '" + id + "' is disabled: " + reason;
    }
}
