package org.neurite.launcher.inject;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import jakarta.inject.Singleton;

import org.neurite.engine.registry.Components;
import org.neurite.launcher.plugin.LoadedPlugins;
import org.neurite.launcher.plugin.PluginStatus;

/**
 * The component registries commands look layer types, activations, losses, optimizers,
 * initializers, learning rate schedules and kinds of gradient clipping up in: the engine's built-ins and every working plugin's providers. Whoever
 * asks for them first also gets each disabled plugin reported, once, in one line on the error
 * output.
 */
public final class ComponentsModule extends AbstractModule {

    /**
     * @param plugins the loaded plugins
     * @param output where disabled plugins are reported
     * @return the registries
     */
    @Provides
    @Singleton
    Components components(LoadedPlugins plugins, CommandOutput output) {
        for (PluginStatus disabled : plugins.disabled()) {
            output.err().println("neurite: warning: " + disabled.problem());
        }
        output.err().flush();
        return plugins.components();
    }
}
