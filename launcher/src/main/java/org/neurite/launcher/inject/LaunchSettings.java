package org.neurite.launcher.inject;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.neurite.launcher.plugin.PluginFolders;

/**
 * What the launcher was started with: the distribution's home and the environment, read once,
 * and the global command-line options, filled in while the command line is parsed. The object
 * graph is built before parsing, so whatever depends on an option reads it lazily (through a
 * Guice {@code Provider}), after parsing is done.
 */
public final class LaunchSettings {

    private final String home;
    private final String pluginsEnvironment;
    private final List<Path> pluginDirs = new ArrayList<>();
    private boolean debug;
    private final Map<String, String> preferences = new LinkedHashMap<>();

    /**
     * @param home the distribution's home folder, or {@code null} when not run from a distribution
     * @param pluginsEnvironment the value of {@value PluginFolders#ENVIRONMENT_VARIABLE}, or {@code null}
     */
    public LaunchSettings(String home, String pluginsEnvironment) {
        this.home = home;
        this.pluginsEnvironment = pluginsEnvironment;
    }

    /**
     * @return settings from the system property {@value PluginFolders#HOME_PROPERTY} (set by
     *     {@code bin/neurite}) and the environment variable {@value PluginFolders#ENVIRONMENT_VARIABLE}
     */
    public static LaunchSettings fromSystem() {
        return new LaunchSettings(System.getProperty(PluginFolders.HOME_PROPERTY),
                System.getenv(PluginFolders.ENVIRONMENT_VARIABLE));
    }

    /** @return the distribution's home folder, or {@code null} */
    public String home() {
        return home;
    }

    /** @return the plugin folders named in the environment, or {@code null} */
    public String pluginsEnvironment() {
        return pluginsEnvironment;
    }

    /** @return the plugin folders given on the command line */
    public List<Path> pluginDirs() {
        return List.copyOf(pluginDirs);
    }

    /** @param dirs the plugin folders given on the command line, replacing earlier ones */
    public void pluginDirs(List<Path> dirs) {
        pluginDirs.clear();
        pluginDirs.addAll(dirs);
    }

    /** @return which plugin each plain name should mean, as {@code --prefer NAME=PLUGIN} gave them */
    public Map<String, String> preferences() {
        return Map.copyOf(preferences);
    }

    /** @param preferences plugin ids by plain name, replacing earlier ones */
    public void preferences(Map<String, String> preferences) {
        this.preferences.clear();
        this.preferences.putAll(preferences);
    }

    /** @return whether errors show their stack traces */
    public boolean debug() {
        return debug;
    }

    /** @param debug whether errors show their stack traces */
    public void debug(boolean debug) {
        this.debug = debug;
    }

    /** @return the plugin folders these settings name */
    public PluginFolders pluginFolders() {
        return PluginFolders.resolve(home, pluginsEnvironment, pluginDirs);
    }
}
