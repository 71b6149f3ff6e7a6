package org.neurite.launcher.plugin;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.neurite.api.ComponentProvider;
import org.neurite.engine.registry.ComponentRegistry;
import org.neurite.engine.registry.Components;

/**
 * Registers the providers of started plugins into {@link Components}, one plugin at a time and
 * all or nothing: a plugin whose extensions cannot all be loaded and created, or that claims a
 * name another plugin or the engine already has, is disabled with the reason and contributes
 * nothing. Plugins are taken in the order given, so the first to claim a name keeps it.
 */
final class ProviderRegistration {

    private final NeuritePluginManager manager;
    private final Components components;
    /** Who registered each name, such as {@code layer type 'mlp'} → {@code plugin 'perceptron'}. */
    private final Map<String, String> owners = new HashMap<>();

    ProviderRegistration(NeuritePluginManager manager, Components components) {
        this.manager = manager;
        this.components = components;
    }

    /**
     * @param started a started plugin
     * @return its status after registration: started with what it provides, or disabled with why
     */
    PluginStatus register(PluginStatus started) {
        String id = started.id();
        try {
            List<ComponentProvider> providers = providersOf(id);
            checkClaims(providers);
            List<String> provides = new ArrayList<>();
            for (ComponentProvider provider : providers) {
                components.register(provider);
                for (String claim : claims(provider)) {
                    owners.put(claim, "plugin '" + id + "'");
                    provides.add(claim.replace("'", ""));
                }
            }
            return PluginStatus.started(id, started.version(), provides, started.source());
        } catch (Rejection rejection) {
            disable(id);
            return PluginStatus.disabled(id, started.version(), rejection.getMessage(), started.source());
        }
    }

    /** Loads every class the plugin's extension index lists and creates its providers through PF4J. */
    private List<ComponentProvider> providersOf(String id) {
        Set<String> classNames = manager.getExtensionClassNames(id);
        if (classNames == null || classNames.isEmpty()) {
            throw new Rejection("provides nothing: its META-INF/extensions.idx lists no extension"
                    + " (was it compiled with PF4J's annotation processor?)");
        }
        ClassLoader loader = manager.getPluginClassLoader(id);
        for (String className : classNames) {
            checkExtensionClass(className, loader);
        }
        Map<Class<?>, ComponentProvider> byClass = new LinkedHashMap<>();
        for (ProviderKind kind : ProviderKind.values()) {
            try {
                for (ComponentProvider provider : manager.getExtensions(kind.type(), id)) {
                    byClass.putIfAbsent(provider.getClass(), provider);
                }
            } catch (ExtensionCreationException e) {
                throw new Rejection(OneLineMessage.of(e));
            } catch (RuntimeException | LinkageError e) {
                throw new Rejection("cannot create its " + kind.name().toLowerCase(Locale.ROOT)
                        + " providers: " + OneLineMessage.of(e));
            }
        }
        Set<String> created = byClass.keySet().stream().map(Class::getName).collect(Collectors.toSet());
        for (String className : classNames) {
            if (!created.contains(className)) {
                throw new Rejection("extension " + className + " could not be created");
            }
        }
        for (ComponentProvider provider : byClass.values()) {
            try {
                provider.name();
            } catch (RuntimeException e) {
                throw new Rejection("extension " + provider.getClass().getName() + " fails to give its name: "
                        + OneLineMessage.of(e));
            }
        }
        return List.copyOf(byClass.values());
    }

    private static void checkExtensionClass(String className, ClassLoader loader) {
        Class<?> type;
        try {
            type = loader.loadClass(className);
        } catch (ClassNotFoundException e) {
            throw new Rejection("extension class " + className
                    + " is listed in META-INF/extensions.idx but is missing from the plugin");
        } catch (LinkageError e) {
            throw new Rejection("extension class " + className + " cannot be loaded: " + OneLineMessage.of(e));
        }
        if (Arrays.stream(ProviderKind.values()).noneMatch(k -> k.type().isAssignableFrom(type))) {
            throw new Rejection(bundlesOwnApi(type)
                    ? "extension " + className + " implements a copy of the api's interfaces that the plugin"
                    + " bundles itself; the neurite api must be a provided dependency, not inside the plugin"
                    : "extension " + className + " implements none of "
                    + Arrays.stream(ProviderKind.values()).map(k -> k.type().getSimpleName())
                    .collect(Collectors.joining(", ")));
        }
    }

    /** Whether the class implements an api interface loaded by another class loader than the launcher's. */
    private static boolean bundlesOwnApi(Class<?> type) {
        String apiPackage = ComponentProvider.class.getPackageName() + ".";
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                if (i.getName().startsWith(apiPackage) && i.getClassLoader() != ComponentProvider.class.getClassLoader()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Rejects names that are malformed, given twice within the plugin, or already taken. */
    private void checkClaims(List<ComponentProvider> providers) {
        try {
            Components.empty().registerAll(providers);
        } catch (IllegalArgumentException e) {
            throw new Rejection(OneLineMessage.of(e));
        }
        for (ComponentProvider provider : providers) {
            for (ProviderKind kind : ProviderKind.values()) {
                ComponentRegistry<?> registry = kind.registry(components);
                if (kind.includes(provider) && registry.find(provider.name()).isPresent()) {
                    String claim = claim(registry, provider);
                    throw new Rejection(claim + " is already provided by "
                            + owners.getOrDefault(claim, "the engine (built in)"));
                }
            }
        }
    }

    private List<String> claims(ComponentProvider provider) {
        List<String> out = new ArrayList<>();
        for (ProviderKind kind : ProviderKind.values()) {
            if (kind.includes(provider)) {
                out.add(claim(kind.registry(components), provider));
            }
        }
        return out;
    }

    private static String claim(ComponentRegistry<?> registry, ComponentProvider provider) {
        return registry.kind() + " '" + provider.name() + "'";
    }

    private void disable(String id) {
        try {
            manager.disablePlugin(id);
        } catch (RuntimeException | LinkageError ignored) {
            // its providers are not registered either way; stopping it is a courtesy
        }
    }

    /** Why a plugin is left out; caught in {@link #register}. */
    private static final class Rejection extends RuntimeException {

        private static final long serialVersionUID = 1L;

        Rejection(String reason) {
            super(reason, null, false, false);
        }
    }
}
