package org.neurite.launcher.plugin;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.neurite.api.NeuriteApi;
import org.pf4j.CompoundPluginRepository;
import org.pf4j.DefaultPluginManager;
import org.pf4j.DependencyResolver;
import org.pf4j.ExtensionFactory;
import org.pf4j.ExtensionFinder;
import org.pf4j.JarPluginRepository;
import org.pf4j.LegacyExtensionFinder;
import org.pf4j.PluginDependency;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginFactory;
import org.pf4j.PluginRepository;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginState;
import org.pf4j.PluginStatusProvider;
import org.pf4j.PluginWrapper;

/**
 * PF4J's plugin manager, set up for Neurite: the system version is the api's
 * ({@link NeuriteApi#VERSION}, so a plugin's {@code requires} range is checked), extensions are
 * found only through PF4J's {@code META-INF/extensions.idx}, extensions are created by the given
 * factory (the launcher's Guice injector), nothing is written to the plugin folders but the
 * unpacked zips, and a plugin with a missing or mismatched dependency is left out alone, not
 * with everything around it.
 *
 * <p>PF4J only logs most of what goes wrong; this manager keeps every failure, so that
 * {@link #loadAndStart()} can say for each plugin whether it works and, if not, why. Like PF4J
 * itself it is not thread-safe: load and start plugins from one thread.
 */
public final class NeuritePluginManager extends DefaultPluginManager {

    /**
     * Where plugin zips are unpacked unless the launcher names another folder: the system
     * property {@code neurite.pluginCache}, else {@code $XDG_CACHE_HOME/neurite/plugins}, else
     * {@code ~/.cache/neurite/plugins} (where {@code bin/neurite} keeps its class-data archive).
     */
    public static final Path DEFAULT_CACHE = System.getProperty("neurite.pluginCache") != null
            ? Path.of(System.getProperty("neurite.pluginCache"))
            : Path.of(System.getenv().getOrDefault("XDG_CACHE_HOME", System.getProperty("user.home") + "/.cache"),
                    "neurite", "plugins");

    private final Map<Path, PluginStatus> loadFailures = new LinkedHashMap<>();
    private Path cache;
    private UnpackingPluginRepository unpacking;
    private final Map<String, PluginStatus> rejected = new LinkedHashMap<>();

    /**
     * @param roots the folders plugins are loaded from
     * @param extensionFactory creates extension instances
     */
    public NeuritePluginManager(List<Path> roots, ExtensionFactory extensionFactory) {
        this(roots, extensionFactory, DEFAULT_CACHE);
    }

    /**
     * @param roots the folders plugins are loaded from
     * @param extensionFactory creates extension instances
     * @param cache the folder plugin zips are unpacked into (outside the installation)
     */
    public NeuritePluginManager(List<Path> roots, ExtensionFactory extensionFactory, Path cache) {
        super(roots);
        this.cache = cache;
        // Set here, not in createExtensionFactory(): that runs inside super(), before this constructor.
        this.extensionFactory = extensionFactory;
        setSystemVersion(NeuriteApi.VERSION);
        setResolveRecoveryStrategy(ResolveRecoveryStrategy.IGNORE_PLUGIN_AND_CONTINUE);
    }

    /**
     * Loads and starts every plugin, then reads back what became of each.
     *
     * @return the status of every plugin PF4J found, or found and could not load, by id; plugins
     *     that started have no providers listed yet (their extensions are not read here)
     */
    public List<PluginStatus> loadAndStart() {
        loadPlugins();
        startPlugins();
        stopWhereDependenciesFailed();
        List<PluginStatus> statuses = new ArrayList<>();
        statuses.addAll(unpackFailures());
        statuses.addAll(loadFailures.values());
        statuses.addAll(rejected.values());
        for (PluginWrapper plugin : getPlugins()) {
            if (!rejected.containsKey(plugin.getPluginId())) {
                statuses.add(statusOf(plugin));
            }
        }
        statuses.sort(Comparator.comparing(PluginStatus::id));
        return statuses;
    }

    /**
     * PF4J starts a plugin even when a plugin it needs is disabled or failed to start; such a
     * plugin is stopped and disabled here, in dependency order, so the check carries through chains.
     */
    private void stopWhereDependenciesFailed() {
        for (PluginWrapper plugin : new ArrayList<>(getResolvedPlugins())) {
            if (plugin.getPluginState() != PluginState.STARTED) {
                continue;
            }
            for (PluginDependency dependency : plugin.getDescriptor().getDependencies()) {
                PluginWrapper needed = getPlugin(dependency.getPluginId());
                if (!dependency.isOptional() && (needed == null || needed.getPluginState() != PluginState.STARTED)) {
                    String id = plugin.getPluginId();
                    disablePlugin(id);
                    rejected.put(id, PluginStatus.disabled(id, plugin.getDescriptor().getVersion(),
                            "needs plugin '" + dependency.getPluginId() + "', which is disabled", sourceOf(plugin)));
                    break;
                }
            }
        }
    }

    private PluginStatus statusOf(PluginWrapper plugin) {
        PluginDescriptor d = plugin.getDescriptor();
        PluginState state = plugin.getPluginState();
        if (state == PluginState.STARTED) {
            return PluginStatus.started(d.getPluginId(), d.getVersion(), List.of(), sourceOf(plugin));
        }
        String reason;
        if (state == PluginState.DISABLED) {
            // Nothing is disabled up front here, so a disabled plugin failed the version check.
            reason = "built for api " + d.getRequires().trim() + ", but this is api " + getSystemVersion();
        } else if (plugin.getFailedException() != null) {
            reason = "failed to start: " + OneLineMessage.of(plugin.getFailedException());
        } else {
            reason = "not started (" + state.toString().toLowerCase(Locale.ROOT) + ")";
        }
        return PluginStatus.disabled(d.getPluginId(), d.getVersion(), reason, sourceOf(plugin));
    }

    private List<PluginStatus> unpackFailures() {
        return unpacking == null ? List.of() : unpacking.failures();
    }

    /** The zip a plugin came from, rather than the cache folder it was unpacked into. */
    private Path sourceOf(PluginWrapper plugin) {
        return unpacking == null ? plugin.getPluginPath() : unpacking.sourceOf(plugin.getPluginPath());
    }

    /** Keeps why a plugin could not be loaded; PF4J logs it and goes on with the next. */
    @Override
    protected PluginWrapper loadPluginFromPath(Path pluginPath) {
        String id = pluginPath.getFileName().toString();
        String version = "?";
        try {
            PluginDescriptor descriptor = getPluginDescriptorFinder().find(pluginPath);
            if (descriptor.getPluginId() != null && !descriptor.getPluginId().isBlank()) {
                id = descriptor.getPluginId();
                version = String.valueOf(descriptor.getVersion());
                PluginWrapper loaded = getPlugin(id);
                if (loaded != null) {
                    throw new PluginRuntimeException("its id is taken by the plugin at {}", sourceOf(loaded));
                }
            }
            return super.loadPluginFromPath(pluginPath);
        } catch (RuntimeException e) {
            loadFailures.put(pluginPath, PluginStatus.disabled(id, version, "cannot load: " + OneLineMessage.of(e),
                    unpacking == null ? pluginPath : unpacking.sourceOf(pluginPath)));
            // PF4J goes on with the next plugin after its own exception type only
            throw e instanceof PluginRuntimeException p ? p : new PluginRuntimeException(e, OneLineMessage.of(e));
        }
    }

    /**
     * Leaves out each plugin whose dependencies are missing, of the wrong version or circular,
     * and keeps the reason. (PF4J's own recovery unloads the dependency of a wrong-version
     * requirement, not the plugin that made it.)
     */
    @Override
    protected DependencyResolver.Result resolveDependencies() {
        while (true) {
            List<PluginDescriptor> descriptors = getPlugins().stream().map(PluginWrapper::getDescriptor).toList();
            DependencyResolver.Result result = dependencyResolver.resolve(descriptors);
            if (result.isOK()) {
                return result;
            }
            Map<String, String> reasons = new LinkedHashMap<>();
            if (result.hasCyclicDependency()) {
                for (PluginDescriptor d : descriptors) {
                    if (!d.getDependencies().isEmpty()) {
                        reasons.put(d.getPluginId(), "its plugin dependencies form a cycle");
                    }
                }
            }
            for (String missing : result.getNotFoundDependencies()) {
                String why = rejected.containsKey(missing) ? "which is disabled" : "which is not installed";
                for (String dependent : dependencyResolver.getDependents(missing)) {
                    reasons.putIfAbsent(dependent, "needs plugin '" + missing + "', " + why);
                }
            }
            for (DependencyResolver.WrongDependencyVersion wrong : result.getWrongVersionDependencies()) {
                reasons.putIfAbsent(wrong.getDependentId(), "needs plugin '" + wrong.getDependencyId() + "' "
                        + wrong.getRequiredVersion() + ", but version " + wrong.getExistingVersion() + " is installed");
            }
            Set<String> removable = new HashSet<>(reasons.keySet());
            removable.retainAll(plugins.keySet());
            if (removable.isEmpty()) {
                return super.resolveDependencies();
            }
            for (String id : removable) {
                PluginWrapper plugin = getPlugin(id);
                rejected.put(id, PluginStatus.disabled(id, plugin.getDescriptor().getVersion(), reasons.get(id),
                        sourceOf(plugin)));
                unloadPlugin(id, false, false);
            }
        }
    }

    /** Plugin jars (those that describe themselves in their manifest) and plugin zips and folders. */
    @Override
    protected PluginRepository createPluginRepository() {
        // Runs inside super(), before the cache field is set: the repository is made on first use.
        return new CompoundPluginRepository().add(new PluginJars(getPluginsRoots())).add(new PluginRepository() {
            @Override
            public List<Path> getPluginPaths() {
                if (unpacking == null) {
                    unpacking = new UnpackingPluginRepository(getPluginsRoots(), cache == null ? DEFAULT_CACHE : cache);
                }
                return unpacking.getPluginPaths();
            }

            @Override
            public boolean deletePluginPath(Path pluginPath) {
                return false;
            }
        });
    }

    /** Only PF4J's own index, {@code META-INF/extensions.idx}; never {@code META-INF/services}. */
    @Override
    protected ExtensionFinder createExtensionFinder() {
        LegacyExtensionFinder finder = new LegacyExtensionFinder(this);
        addPluginStateListener(finder);
        return finder;
    }

    @Override
    protected PluginFactory createPluginFactory() {
        return new CheckedPluginFactory();
    }

    /** Enabled and disabled plugins are decided each run, never written into the plugin folders. */
    @Override
    protected PluginStatusProvider createPluginStatusProvider() {
        Set<String> disabled = new HashSet<>();
        return new PluginStatusProvider() {
            @Override
            public boolean isPluginDisabled(String pluginId) {
                return disabled.contains(pluginId);
            }

            @Override
            public void disablePlugin(String pluginId) {
                disabled.add(pluginId);
            }

            @Override
            public void enablePlugin(String pluginId) {
                disabled.remove(pluginId);
            }
        };
    }
}
