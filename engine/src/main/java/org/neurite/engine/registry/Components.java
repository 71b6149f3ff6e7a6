package org.neurite.engine.registry;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.neurite.api.Activation;
import org.neurite.api.ActivationProvider;
import org.neurite.api.ComponentProvider;
import org.neurite.api.DataSourceProvider;
import org.neurite.api.Initializer;
import org.neurite.api.InitializerProvider;
import org.neurite.api.Layer;
import org.neurite.api.LayerContext;
import org.neurite.api.LayerProvider;
import org.neurite.api.Loss;
import org.neurite.api.LossProvider;
import org.neurite.api.Optimizer;
import org.neurite.api.OptimizerProvider;
import org.neurite.api.OptionException;
import org.neurite.api.Options;
import org.neurite.api.Shape;
import org.neurite.engine.activation.BuiltInActivations;
import org.neurite.engine.data.source.BuiltInDataSources;
import org.neurite.engine.init.BuiltInInitializers;
import org.neurite.engine.loss.BuiltInLosses;
import org.neurite.engine.nn.BuiltInLayers;
import org.neurite.engine.optim.BuiltInOptimizers;

/**
 * Every component a model or a run can name: one {@link ComponentRegistry} per kind (layer
 * types, activations, losses, optimizers, initializers, data sources). Start from {@link #builtIns()} and
 * {@link #register} more providers, as the launcher does with plugin extensions.
 */
public final class Components {

    private final ComponentRegistry<LayerProvider> layers = new ComponentRegistry<>("layer type");
    private final ComponentRegistry<ActivationProvider> activations = new ComponentRegistry<>("activation");
    private final ComponentRegistry<LossProvider> losses = new ComponentRegistry<>("loss");
    private final ComponentRegistry<OptimizerProvider> optimizers = new ComponentRegistry<>("optimizer");
    private final ComponentRegistry<InitializerProvider> initializers = new ComponentRegistry<>("initializer");
    private final ComponentRegistry<DataSourceProvider> dataSources = new ComponentRegistry<>("data format");

    /** The plugins (id → version) whose components were created, for the saved model. */
    private final Map<String, String> pluginsUsed = new java.util.concurrent.ConcurrentSkipListMap<>();

    private Components() {
    }

    /** @return the plugins, id → version, whose components have been created through these registries, by id */
    public Map<String, String> pluginsUsed() {
        return Map.copyOf(pluginsUsed);
    }

    /** Records that a component of this entry was created. */
    void used(ComponentRegistry.Entry<?> entry) {
        if (!entry.builtIn()) {
            pluginsUsed.put(entry.owner(), entry.version());
        }
    }

    /** @return the plugins, id → version, that provide any component here */
    public Map<String, String> plugins() {
        Map<String, String> plugins = new java.util.TreeMap<>();
        for (ComponentRegistry<?> registry : List.of(layers, activations, losses, optimizers, initializers)) {
            for (String name : registry.names()) {
                registry.entries(name).stream().filter(e -> !e.builtIn()).forEach(e -> plugins.put(e.owner(), e.version()));
            }
        }
        return plugins;
    }

    /** @return registries without any provider */
    public static Components empty() {
        return new Components();
    }

    /** @return registries holding the engine's built-in providers */
    public static Components builtIns() {
        Components c = new Components();
        c.registerAll(BuiltInLayers.providers());
        c.registerAll(BuiltInActivations.providers());
        c.registerAll(BuiltInLosses.providers());
        c.registerAll(BuiltInOptimizers.providers());
        c.registerAll(BuiltInInitializers.providers());
        c.registerAll(BuiltInDataSources.providers());
        return c;
    }

    /**
     * Adds a built-in provider to the registry of its kind; a provider of several kinds joins each.
     *
     * @param provider a layer, activation, loss, optimizer, initializer or data source provider
     * @return these components
     * @throws IllegalArgumentException if the provider is of no known kind or its name is taken
     */
    public Components register(ComponentProvider provider) {
        return register(provider, ComponentRegistry.BUILT_IN, null);
    }

    /**
     * Adds a provider of an owner (a plugin) to the registry of its kind. A name another owner
     * provides too stays reachable as {@code owner:name}; see {@link ComponentRegistry}.
     *
     * @param provider a layer, activation, loss, optimizer or initializer provider
     * @param owner the plugin id, or {@link ComponentRegistry#BUILT_IN}
     * @param version the plugin's version, or {@code null} for the engine
     * @return these components
     * @throws IllegalArgumentException if the provider is of no known kind or the owner already provides its name
     */
    public Components register(ComponentProvider provider, String owner, String version) {
        boolean known = false;
        if (provider instanceof LayerProvider p) {
            layers.register(p, owner, version);
            known = true;
        }
        if (provider instanceof ActivationProvider p) {
            activations.register(p, owner, version);
            known = true;
        }
        if (provider instanceof LossProvider p) {
            losses.register(p, owner, version);
            known = true;
        }
        if (provider instanceof OptimizerProvider p) {
            optimizers.register(p, owner, version);
            known = true;
        }
        if (provider instanceof InitializerProvider p) {
            initializers.register(p, owner, version);
            known = true;
        }
        if (provider instanceof DataSourceProvider p) {
            dataSources.register(p);
            known = true;
        }
        if (!known) {
            throw new IllegalArgumentException("provider " + provider.getClass().getName() + " ('" + provider.name()
                    + "') is not a layer, activation, loss, optimizer, initializer or data source provider");
        }
        return this;
    }

    /**
     * Makes the plain name of a provider resolve to the provider of that owner, in every
     * registry of the provider's kinds.
     *
     * @param provider a registered provider (its name is what gets preferred)
     * @param owner the owner whose provider the plain name should mean
     * @return these components
     * @throws IllegalArgumentException if that owner does not provide the name
     */
    public Components prefer(ComponentProvider provider, String owner) {
        for (ComponentRegistry<?> registry : List.of(layers, activations, losses, optimizers, initializers)) {
            if (registry.entries(provider.name()).stream().anyMatch(e -> e.provider().getClass() == provider.getClass())) {
                registry.prefer(provider.name(), owner);
            }
        }
        return this;
    }

    /**
     * @return one line per name several owners provide, saying which provider the plain name
     *     means, such as {@code layer type 'mlp': perceptron:mlp (used for 'mlp'), extras:mlp}
     */
    public List<String> clashes() {
        List<String> lines = new java.util.ArrayList<>();
        for (ComponentRegistry<?> registry : List.of(layers, activations, losses, optimizers, initializers)) {
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
     * Finds which owner's code a failure came from, by the class loaders of the registered
     * providers: the first frame, in the failure or its causes, of a class that a plugin's
     * provider's class loader defined names the plugin.
     *
     * @param failure an exception or error
     * @return the origin, such as {@code plugin 'noise' 1.0.0}, or {@code null} if no plugin code is involved
     */
    public String originOf(Throwable failure) {
        Map<ClassLoader, String> loaders = new LinkedHashMap<>();
        for (ComponentRegistry<?> registry : List.of(layers, activations, losses, optimizers, initializers)) {
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

    /**
     * Adds several providers, as {@link #register} does.
     *
     * @param providers the providers
     * @return these components
     */
    public Components registerAll(Collection<? extends ComponentProvider> providers) {
        providers.forEach(this::register);
        return this;
    }

    /** @return the layer types */
    public ComponentRegistry<LayerProvider> layers() {
        return layers;
    }

    /** @return the activations */
    public ComponentRegistry<ActivationProvider> activations() {
        return activations;
    }

    /** @return the losses */
    public ComponentRegistry<LossProvider> losses() {
        return losses;
    }

    /** @return the optimizers */
    public ComponentRegistry<OptimizerProvider> optimizers() {
        return optimizers;
    }

    /** @return the initializers */
    public ComponentRegistry<InitializerProvider> initializers() {
        return initializers;
    }

    /** @return the data sources, by the {@code format} configs select them with */
    public ComponentRegistry<DataSourceProvider> dataSources() {
        return dataSources;
    }

    /**
     * Creates an activation by name, its options checked against the provider's specs first.
     * Messages name {@code options.path()} as where the name was written.
     *
     * @param name the registered name, plain or qualified
     * @param options its options
     * @return the activation
     * @throws OptionException if the name is unknown or an option is wrong
     * @throws ComponentException if the provider fails or gives nothing
     */
    public Activation activation(String name, Options options) {
        return ComponentCreation.create(this, activations, name, options, ActivationProvider::create);
    }

    /**
     * Creates an initializer by name, as {@link #activation} does.
     *
     * @param name the registered name
     * @param options its options
     * @return the initializer
     */
    public Initializer initializer(String name, Options options) {
        return ComponentCreation.create(this, initializers, name, options, InitializerProvider::create);
    }

    /**
     * Creates a loss by name, as {@link #activation} does.
     *
     * @param name the registered name
     * @param options its options
     * @return the loss
     */
    public Loss loss(String name, Options options) {
        return ComponentCreation.create(this, losses, name, options, LossProvider::create);
    }

    /**
     * Creates an optimizer by name, as {@link #activation} does.
     *
     * @param name the registered name
     * @param options its options
     * @return the optimizer
     */
    public Optimizer optimizer(String name, Options options) {
        return ComponentCreation.create(this, optimizers, name, options, OptimizerProvider::create);
    }

    /**
     * Creates a layer by type, as {@link #activation} does; the type is reported at {@code options.pathOf("type")}.
     *
     * @param type the layer type, plain or qualified
     * @param options its options, at the layer's path
     * @param inputShapes the per-sample shape of each input
     * @param context the context the provider builds with
     * @return the layer
     */
    public Layer layer(String type, Options options, List<Shape> inputShapes, LayerContext context) {
        return ComponentCreation.create(this, layers, type, options, (p, checked) -> p.create(checked, inputShapes, context));
    }
}
