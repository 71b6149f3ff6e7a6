package org.neurite.launcher.plugin;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.neurite.api.ComponentProvider;
import org.neurite.engine.registry.Components;

/**
 * Registers the providers of started plugins into {@link Components}, one plugin at a time and
 * all or nothing: a plugin whose extensions cannot all be loaded, created or named is disabled
 * with the reason and contributes nothing. A name another plugin or the engine already provides
 * is no reason to disable anyone: every provider stays reachable as {@code plugin-id:name}, and
 * the plain name keeps meaning the provider registered first (the engine's, then plugins in the
 * order given) unless a preference says otherwise; what each clash resolves to is listed with
 * the plugin's providers.
 */
final class ProviderRegistration {

    private final NeuritePluginManager manager;
    private final Components components;

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
                components.register(provider, id, started.version());
                for (ProviderKind kind : ProviderKind.values()) {
                    if (kind.includes(provider)) {
                        provides.add(kind.registry(components).kind() + " " + provider.name());
                    }
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
            metadata(provider, "name", provider::name);
            metadata(provider, "description", provider::description);
            metadata(provider, "options", provider::options);
        }
        return List.copyOf(byClass.values());
    }

    /** A provider whose name, description or options cannot be read would break every listing and check. */
    private static void metadata(ComponentProvider provider, String what, java.util.function.Supplier<?> read) {
        try {
            if (read.get() == null) {
                throw new Rejection("extension " + provider.getClass().getName() + " gives no " + what);
            }
        } catch (RuntimeException | LinkageError e) {
            if (e instanceof Rejection r) {
                throw r;
            }
            throw new Rejection("extension " + provider.getClass().getName() + " fails to give its " + what + ": "
                    + OneLineMessage.of(e));
        }
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

    /** Rejects names that are malformed or given twice within the plugin. */
    private static void checkClaims(List<ComponentProvider> providers) {
        try {
            Components.empty().registerAll(providers);
        } catch (IllegalArgumentException e) {
            throw new Rejection(OneLineMessage.of(e));
        }
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
