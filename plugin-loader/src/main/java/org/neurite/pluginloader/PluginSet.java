package org.neurite.pluginloader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.neurite.api.ComponentProvider;
import org.neurite.api.NeuriteApi;
import org.neurite.engine.registry.Components;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;

/**
 * The plugins of a folder, loaded with PF4J, their providers registered into the engine's
 * {@link Components}: what an application embedding the engine needs to build, load and run
 * models that use plugin layers, without the launcher.
 *
 * <pre>{@code
 * try (PluginSet plugins = PluginSet.load(Path.of("plugins"))) {
 *     Predictor model = Predictor.load(Path.of("runs/fashion-cnn-20260101-120000"), plugins.components());
 * }
 * }</pre>
 *
 * <p>Every zip in the folder is unpacked into a temporary folder (never next to the zip), with
 * its size and entry count capped; every plugin must start, require this api version and
 * provide something, or loading fails naming the plugin and why, with nothing left loaded.
 * Providers are created by PF4J with their no-argument constructors (the launcher's injection
 * of dependencies is not available here). PF4J is not thread-safe: load from one thread.
 * {@link #close()} takes the providers out of the components, stops the plugins and deletes
 * the unpacked files.
 */
public final class PluginSet implements AutoCloseable {

    private final PluginManager manager;
    private final Components components;
    private final Map<String, String> plugins;
    private final List<ComponentProvider> registered;
    private final Path unpacked;

    private PluginSet(PluginManager manager, Components components, Map<String, String> plugins,
                      List<ComponentProvider> registered, Path unpacked) {
        this.manager = manager;
        this.components = components;
        this.plugins = plugins;
        this.registered = registered;
        this.unpacked = unpacked;
    }

    /**
     * Loads the plugin zips of a folder into the engine's built-in components.
     *
     * @param folder a folder of plugin zips (such as a distribution's {@code plugins/})
     * @return the loaded plugins
     * @throws IOException if the folder or a zip cannot be read
     * @throws PluginLoadException if a plugin is malformed, fails to start, requires another api
     *     version or provides nothing, naming it
     */
    public static PluginSet load(Path folder) throws IOException {
        return load(folder, Components.builtIns());
    }

    /**
     * Loads the plugin zips of a folder and registers their providers into {@code components}.
     *
     * @param folder a folder of plugin zips
     * @param components where the providers are registered, each owned by its plugin (id and version)
     * @return the loaded plugins
     * @throws IOException as {@link #load(Path)}
     * @throws PluginLoadException as {@link #load(Path)}
     */
    public static PluginSet load(Path folder, Components components) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new java.nio.file.NoSuchFileException(folder.toString(), null, "no such plugins folder");
        }
        Path unpacked = Files.createTempDirectory("neurite-plugins");
        PluginManager manager = null;
        List<ComponentProvider> registered = new ArrayList<>();
        try {
            try (Stream<Path> files = Files.list(folder)) {
                for (Path zip : files.filter(f -> f.getFileName().toString().endsWith(".zip")).sorted().toList()) {
                    String name = zip.getFileName().toString();
                    PluginZip.unpack(zip, unpacked.resolve(name.substring(0, name.length() - 4)));
                }
            }
            manager = new DefaultPluginManager(unpacked);
            manager.setSystemVersion(NeuriteApi.VERSION);
            try {
                manager.loadPlugins();
                manager.startPlugins();
            } catch (PluginRuntimeException e) {
                throw new PluginLoadException(folder + ": " + e.getMessage(), e);
            }
            Map<String, String> loaded = new LinkedHashMap<>();
            for (PluginWrapper plugin : manager.getPlugins()) {
                String id = plugin.getPluginId();
                String version = plugin.getDescriptor().getVersion();
                String what = "plugin '" + id + "' " + version;
                if (plugin.getPluginState() != PluginState.STARTED) {
                    throw new PluginLoadException(what + " did not start (" + plugin.getPluginState().toString()
                            .toLowerCase(java.util.Locale.ROOT) + "): " + why(plugin));
                }
                List<ComponentProvider> providers = providersOf(manager, id, components);
                if (providers.isEmpty()) {
                    throw new PluginLoadException(what + " provides nothing: its META-INF/extensions.idx lists no"
                            + " provider (was it compiled with PF4J's annotation processor?)");
                }
                for (ComponentProvider provider : providers) {
                    components.register(provider, id, version);
                    registered.add(provider);
                }
                loaded.put(id, version);
            }
            return new PluginSet(manager, components, Map.copyOf(loaded), registered, unpacked);
        } catch (IOException | RuntimeException | LinkageError e) {
            registered.forEach(p -> components.unregister(p, "its plugin failed to load"));
            if (manager != null) {
                stop(manager);
            }
            delete(unpacked);
            if (e instanceof LinkageError l) {
                throw new PluginLoadException(folder + ": a plugin class cannot be loaded: " + l, l);
            }
            throw e;
        }
    }

    private static List<ComponentProvider> providersOf(PluginManager manager, String id, Components components) {
        Map<Class<?>, ComponentProvider> byClass = new LinkedHashMap<>();
        for (Class<? extends ComponentProvider> type : components.providerTypes()) {
            for (ComponentProvider provider : manager.getExtensions(type, id)) {
                byClass.putIfAbsent(provider.getClass(), provider);
            }
        }
        return List.copyOf(byClass.values());
    }

    /** Why PF4J did not start a plugin: its failure, or the version it requires. */
    private static String why(PluginWrapper plugin) {
        if (plugin.getFailedException() != null) {
            return String.valueOf(plugin.getFailedException());
        }
        return "it requires the Neurite api " + plugin.getDescriptor().getRequires() + ", this is " + NeuriteApi.VERSION;
    }

    /** @return the components, with every plugin's providers registered */
    public Components components() {
        return components;
    }

    /** @return the loaded plugins: version by id */
    public Map<String, String> plugins() {
        return plugins;
    }

    /** Takes the plugins' providers out of the components, stops the plugins and deletes what was unpacked. */
    @Override
    public void close() {
        registered.forEach(p -> components.unregister(p, "its plugin was closed"));
        stop(manager);
        delete(unpacked);
    }

    private static void stop(PluginManager manager) {
        manager.stopPlugins();
        manager.unloadPlugins();
    }

    private static void delete(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the unpacked plugins in " + folder, e);
        }
    }
}
