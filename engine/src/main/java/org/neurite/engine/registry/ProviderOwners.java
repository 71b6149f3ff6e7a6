package org.neurite.engine.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Who provides what across the registries of {@link Components}: the plugins that provide
 * anything, the names several owners provide, and the plugin whose code a failure came from.
 */
final class ProviderOwners {

    private ProviderOwners() {
    }

    /** @return the plugins, id → version, that provide any component in these registries, by id */
    static Map<String, String> plugins(List<ComponentRegistry<?>> registries) {
        Map<String, String> plugins = new TreeMap<>();
        for (ComponentRegistry<?> registry : registries) {
            for (String name : registry.names()) {
                registry.entries(name).stream().filter(e -> !e.builtIn()).forEach(e -> plugins.put(e.owner(), e.version()));
            }
        }
        return plugins;
    }

    /** @return one line per name several owners provide, saying which provider the plain name means */
    static List<String> clashes(List<ComponentRegistry<?>> registries) {
        List<String> lines = new ArrayList<>();
        for (ComponentRegistry<?> registry : registries) {
            for (String name : registry.clashes()) {
                String meant = registry.entry(name, "").qualifiedName();
                lines.add(registry.kind() + " '" + name + "': " + String.join(", ", registry.entries(name).stream()
                        .map(e -> e.qualifiedName() + (e.qualifiedName().equals(meant) ? " (used for '" + name + "')" : ""))
                        .toList()));
            }
        }
        return lines;
    }

    /**
     * The first frame, in the failure or its causes, of a class that a plugin's provider's class
     * loader defined names the plugin.
     *
     * @return the origin, such as {@code plugin 'noise' 1.0.0}, or {@code null} if no plugin code is involved
     */
    static String originOf(List<ComponentRegistry<?>> registries, Throwable failure) {
        Map<ClassLoader, String> loaders = new LinkedHashMap<>();
        for (ComponentRegistry<?> registry : registries) {
            for (String name : registry.names()) {
                for (ComponentRegistry.Entry<?> e : registry.entries(name)) {
                    ClassLoader loader = e.provider().getClass().getClassLoader();
                    if (!e.builtIn() && loader != Components.class.getClassLoader()) {
                        loaders.putIfAbsent(loader, e.origin());
                    }
                }
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            for (StackTraceElement frame : t.getStackTrace()) {
                for (Map.Entry<ClassLoader, String> l : loaders.entrySet()) {
                    if (definedBy(frame.getClassName(), l.getKey())) {
                        return l.getValue();
                    }
                }
            }
        }
        return null;
    }

    private static boolean definedBy(String className, ClassLoader loader) {
        try {
            return Class.forName(className, false, loader).getClassLoader() == loader;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
