package org.neurite.launcher.inject;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import jakarta.inject.Singleton;

import org.neurite.engine.registry.Components;
import org.neurite.launcher.plugin.LoadedPlugins;
import org.neurite.launcher.plugin.NeuritePluginManager;
import org.neurite.launcher.plugin.PluginFolders;
import org.pf4j.ExtensionFactory;

/**
 * The PF4J plugin manager over the plugin folders, with Guice as its extension factory, and the
 * plugins it loads. Nothing here runs until a command asks for it, so commands that need no
 * plugins never pay for loading them.
 */
public final class PluginModule extends AbstractModule {

    @Override
    protected void configure() {
        bind(ExtensionFactory.class).to(GuiceExtensionFactory.class);
    }

    /**
     * @param settings the launch settings, read after the command line is parsed
     * @return the plugin folders
     */
    @Provides
    @Singleton
    PluginFolders pluginFolders(LaunchSettings settings) {
        return settings.pluginFolders();
    }

    /**
     * @param folders where plugins are
     * @param extensionFactory creates extensions
     * @return a plugin manager, not yet loaded
     */
    @Provides
    @Singleton
    NeuritePluginManager pluginManager(PluginFolders folders, ExtensionFactory extensionFactory) {
        return new NeuritePluginManager(folders.roots(), extensionFactory);
    }

    /**
     * Loads and starts the plugins, once, on the thread that first asks.
     *
     * @param manager the plugin manager
     * @return the engine's built-ins and every working plugin's providers, and each plugin's status
     */
    @Provides
    @Singleton
    LoadedPlugins loadedPlugins(NeuritePluginManager manager, LaunchSettings settings) {
        LoadedPlugins loaded = LoadedPlugins.load(manager, Components.builtIns());
        loaded.prefer(settings.preferences());
        return loaded;
    }
}
