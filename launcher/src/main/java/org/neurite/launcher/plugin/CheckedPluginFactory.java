package org.neurite.launcher.plugin;

import org.pf4j.DefaultPluginFactory;
import org.pf4j.Plugin;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginWrapper;

/**
 * Creates a plugin's {@code plugin.class}, failing with the reason instead of returning
 * {@code null} as PF4J's factory does (which later shows as a bare NullPointerException).
 */
final class CheckedPluginFactory extends DefaultPluginFactory {

    @Override
    public Plugin create(PluginWrapper pluginWrapper) {
        String className = pluginWrapper.getDescriptor().getPluginClass();
        if (className != null && !className.isBlank() && !className.equals(Plugin.class.getName())) {
            try {
                pluginWrapper.getPluginClassLoader().loadClass(className);
            } catch (ClassNotFoundException | LinkageError e) {
                throw new PluginRuntimeException(e, "plugin class {} cannot be loaded ({})", className,
                        OneLineMessage.of(e));
            }
        }
        Plugin plugin = super.create(pluginWrapper);
        if (plugin == null) {
            throw new PluginRuntimeException("plugin class {} cannot be created: it must extend {}"
                    + " and have a public constructor", className, Plugin.class.getName());
        }
        return plugin;
    }
}
