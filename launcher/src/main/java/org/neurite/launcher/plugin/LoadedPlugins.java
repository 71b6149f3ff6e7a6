package org.neurite.launcher.plugin;

import java.util.List;

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
     * working plugin after the components already there, in plugin id order.
     *
     * @param manager the plugin manager, not yet loaded
     * @param components the registries to add to, usually {@link Components#builtIns()}
     * @return the components and the status of every plugin
     */
    public static LoadedPlugins load(NeuritePluginManager manager, Components components) {
        ProviderRegistration registration = new ProviderRegistration(manager, components);
        List<PluginStatus> statuses = manager.loadAndStart().stream()
                .map(s -> s.isStarted() ? registration.register(s) : s)
                .toList();
        return new LoadedPlugins(components, statuses);
    }

    /** @return the plugins left out, each with its reason */
    public List<PluginStatus> disabled() {
        return plugins.stream().filter(p -> !p.isStarted()).toList();
    }
}
