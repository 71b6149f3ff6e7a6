package org.neurite.launcher.plugin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.List;

import org.neurite.api.ComponentProvider;
import org.neurite.engine.registry.ComponentRegistry;
import org.neurite.engine.registry.Components;

/**
 * The outcome of loading plugins: every component a run can name (the engine's built-ins and
 * the providers of every working plugin) and the status of each plugin found.
 *
 * @param components the registries
 * @param plugins every plugin found, by id, started or disabled with the reason
 */
public record LoadedPlugins(Components components, List<PluginStatus> plugins) {

    /** Copies the list. */
    public LoadedPlugins {
        plugins = List.copyOf(plugins);
    }

    /**
     * Loads and starts every plugin from one thread, then registers the providers of each
     * working plugin after the components already there: plugins of the first folder (the
     * distribution's own) first, and within a folder the earliest installed (oldest file) first,
     * so a newly installed plugin never takes a plain name from one that was there before.
     *
     * @param manager the plugin manager, not yet loaded
     * @param components the registries to add to, usually {@link Components#builtIns()}
     * @return the components and the status of every plugin
     */
    public static LoadedPlugins load(NeuritePluginManager manager, Components components) {
        ProviderRegistration registration = new ProviderRegistration(manager, components);
        List<PluginStatus> found = manager.loadAndStart();
        List<PluginStatus> registered = found.stream().filter(PluginStatus::isStarted)
                .sorted(installationOrder(manager.getPluginsRoots())).map(registration::register).toList();
        List<PluginStatus> statuses = new java.util.ArrayList<>(registered);
        found.stream().filter(s -> !s.isStarted()).forEach(statuses::add);
        statuses.sort(Comparator.comparing(PluginStatus::id));
        return new LoadedPlugins(components, statuses);
    }

    private static Comparator<PluginStatus> installationOrder(List<Path> roots) {
        return Comparator.<PluginStatus>comparingInt(s -> rootIndex(roots, s.source()))
                .thenComparing(s -> installedAt(s.source()))
                .thenComparing(PluginStatus::id);
    }

    private static int rootIndex(List<Path> roots, Path source) {
        for (int i = 0; i < roots.size(); i++) {
            if (source != null && source.toAbsolutePath().normalize().startsWith(roots.get(i))) {
                return i;
            }
        }
        return roots.size();
    }

    private static FileTime installedAt(Path source) {
        try {
            return Files.getLastModifiedTime(source);
        } catch (IOException | RuntimeException e) {
            return FileTime.fromMillis(Long.MAX_VALUE);
        }
    }

    /** @return one line per name several providers claim, as {@link Components#clashes()} gives them */
    public List<String> clashes() {
        return components.clashes();
    }

    /**
     * Makes plain names mean a given plugin's provider, as {@code --prefer NAME=PLUGIN} asks.
     *
     * @param preferences plugin ids by plain name
     * @throws org.neurite.api.OptionException if a plugin does not provide the name
     */
    public void prefer(java.util.Map<String, String> preferences) {
        preferences.forEach((name, owner) -> {
            boolean found = false;
            for (ProviderKind kind : ProviderKind.values()) {
                ComponentRegistry<? extends ComponentProvider> registry = kind.registry(components);
                if (registry.find(owner + ":" + name).isPresent()) {
                    registry.prefer(name, owner);
                    found = true;
                }
            }
            if (!found) {
                throw new org.neurite.api.OptionException("--prefer " + name + "=" + owner, "no component '" + name
                        + "' of plugin '" + owner + "' is loaded");
            }
        });
    }

    /** @return the plugins left out, each with its reason */
    public List<PluginStatus> disabled() {
        return plugins.stream().filter(p -> !p.isStarted()).toList();
    }
}
