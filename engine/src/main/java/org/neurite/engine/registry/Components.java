package org.neurite.engine.registry;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.neurite.api.Activation;
import org.neurite.api.ActivationProvider;
import org.neurite.api.ComponentProvider;
import org.neurite.api.DataContext;
import org.neurite.api.DataSource;
import org.neurite.api.DataSourceProvider;
import org.neurite.api.GradientClipper;
import org.neurite.api.GradientClipperProvider;
import org.neurite.api.Initializer;
import org.neurite.api.InitializerProvider;
import org.neurite.api.Layer;
import org.neurite.api.LayerContext;
import org.neurite.api.LayerProvider;
import org.neurite.api.LearningRateSchedule;
import org.neurite.api.Loss;
import org.neurite.api.LossProvider;
import org.neurite.api.Optimizer;
import org.neurite.api.OptimizerProvider;
import org.neurite.api.OptionException;
import org.neurite.api.Options;
import org.neurite.api.ScheduleContext;
import org.neurite.api.ScheduleProvider;
import org.neurite.api.Shape;
import org.neurite.engine.activation.BuiltInActivations;
import org.neurite.engine.data.source.BuiltInDataSources;
import org.neurite.engine.init.BuiltInInitializers;
import org.neurite.engine.loss.BuiltInLosses;
import org.neurite.engine.nn.BuiltInLayers;
import org.neurite.engine.optim.BuiltInOptimizers;
import org.neurite.engine.optim.clip.BuiltInClippers;
import org.neurite.engine.optim.schedule.BuiltInSchedules;

/**
 * Every component a model or a run can name: one {@link ComponentRegistry} per kind (layer
 * types, activations, losses, optimizers, initializers, learning rate schedules, gradient
 * clipping, data sources). Start from {@link #builtIns()} and
 * {@link #register} more providers, as the launcher does with plugin extensions.
 */
public final class Components {

    private final ComponentRegistry<LayerProvider> layers = new ComponentRegistry<>("layer type");
    private final ComponentRegistry<ActivationProvider> activations = new ComponentRegistry<>("activation");
    private final ComponentRegistry<LossProvider> losses = new ComponentRegistry<>("loss");
    private final ComponentRegistry<OptimizerProvider> optimizers = new ComponentRegistry<>("optimizer");
    private final ComponentRegistry<InitializerProvider> initializers = new ComponentRegistry<>("initializer");
    private final ComponentRegistry<ScheduleProvider> schedules = new ComponentRegistry<>("learning rate schedule");
    private final ComponentRegistry<GradientClipperProvider> clippers = new ComponentRegistry<>("gradient clipping method");
    private final ComponentRegistry<DataSourceProvider> dataSources = new ComponentRegistry<>("data format");

    /** Every kind with its registry: what registering, removing and listing go through, so a new kind is one line. */
    private final List<Kind<?>> kinds = List.of(new Kind<>(LayerProvider.class, layers),
            new Kind<>(ActivationProvider.class, activations), new Kind<>(LossProvider.class, losses),
            new Kind<>(OptimizerProvider.class, optimizers), new Kind<>(InitializerProvider.class, initializers),
            new Kind<>(ScheduleProvider.class, schedules), new Kind<>(GradientClipperProvider.class, clippers),
            new Kind<>(DataSourceProvider.class, dataSources));

    private record Kind<P extends ComponentProvider>(Class<P> type, ComponentRegistry<P> registry) {

        boolean register(ComponentProvider provider, String owner, String version) {
            if (!type.isInstance(provider)) {
                return false;
            }
            registry.register(type.cast(provider), owner, version);
            return true;
        }

        boolean unregister(ComponentProvider provider, String reason) {
            return type.isInstance(provider) && registry.unregister(type.cast(provider), reason);
        }
    }

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
        return ProviderOwners.plugins(registries());
    }

    /** @return the provider interface of every kind these registries hold, such as {@code LayerProvider} */
    public List<Class<? extends ComponentProvider>> providerTypes() {
        return kinds.stream().<Class<? extends ComponentProvider>>map(Kind::type).toList();
    }

    private List<ComponentRegistry<?>> registries() {
        return kinds.stream().<ComponentRegistry<?>>map(Kind::registry).toList();
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
        c.registerAll(BuiltInSchedules.providers());
        c.registerAll(BuiltInClippers.providers());
        c.registerAll(BuiltInDataSources.providers());
        return c;
    }

    /**
     * Adds a built-in provider to the registry of its kind; a provider of several kinds joins each.
     *
     * @param provider a layer, activation, loss, optimizer, initializer, schedule, gradient clipping or
     *     data source provider
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
     * @param provider a layer, activation, loss, optimizer, initializer, schedule, gradient clipping or
     *     data source provider
     * @param owner the plugin id, or {@link ComponentRegistry#BUILT_IN}
     * @param version the plugin's version, or {@code null} for the engine
     * @return these components
     * @throws IllegalArgumentException if the provider is of no known kind or the owner already provides its name
     */
    public Components register(ComponentProvider provider, String owner, String version) {
        boolean known = false;
        for (Kind<?> kind : kinds) {
            known |= kind.register(provider, owner, version);
        }
        if (!known) {
            throw new IllegalArgumentException("provider " + provider.getClass().getName() + " ('" + provider.name()
                    + "') is not a layer, activation, loss, optimizer, initializer, schedule, gradient clipping"
                    + " or data source provider");
        }
        return this;
    }

    /**
     * Removes a provider from the registry of each kind it belongs to, as
     * {@link ComponentRegistry#unregister} does.
     *
     * @param provider the provider
     * @param reason why it left, for the message of a later lookup of its name
     * @return whether it was registered in any kind
     */
    public boolean unregister(ComponentProvider provider, String reason) {
        boolean removed = false;
        for (Kind<?> kind : kinds) {
            removed |= kind.unregister(provider, reason);
        }
        return removed;
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
        for (ComponentRegistry<?> registry : registries()) {
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
        return ProviderOwners.clashes(registries());
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
        return ProviderOwners.originOf(registries(), failure);
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

    /** @return the learning rate schedules */
    public ComponentRegistry<ScheduleProvider> schedules() {
        return schedules;
    }

    /** @return the kinds of gradient clipping */
    public ComponentRegistry<GradientClipperProvider> clippers() {
        return clippers;
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

    /**
     * Creates the schedule a config section such as {@code optimizer.schedule} describes: its
     * {@code type} (default {@code constant}) names the provider, which reads the other keys.
     *
     * @param options the section, with the key path it has in its config
     * @param context the optimizer's base rate and the run's length
     * @return the schedule
     * @throws OptionException naming the key path of an unknown type, or of an option that is
     *     unknown, missing, mistyped or out of range
     */
    public LearningRateSchedule schedule(Options options, ScheduleContext context) {
        TypedSection section = TypedSection.read(options, "constant");
        return ComponentCreation.create(this, schedules, section.type(), options.pathOf("type"), section.options(),
                (p, checked) -> p.create(checked, context));
    }

    /**
     * Creates the gradient clipping a config section such as {@code optimizer.clip} describes:
     * its {@code type} (required) names the provider, which reads the other keys.
     *
     * @param options the section, with the key path it has in its config
     * @return the clipper
     * @throws OptionException naming the key path of a missing or unknown type, or of an option
     *     that is unknown, missing, mistyped or out of range
     */
    public GradientClipper clipper(Options options) {
        TypedSection section = TypedSection.read(options, null);
        return ComponentCreation.create(this, clippers, section.type(), options.pathOf("type"), section.options(),
                GradientClipperProvider::create);
    }

    /**
     * Creates the data source a config's data section describes, its options checked against the
     * provider's specs first.
     *
     * @param format the format, plain or qualified, as written at {@code options.pathOf("format")}
     * @param options the section's options other than {@code format}, at the section's path
     * @param context where relative files are found, and the run's seed
     * @return the source
     * @throws OptionException if the format is unknown or an option is wrong
     */
    public DataSource dataSource(String format, Options options, DataContext context) {
        return ComponentCreation.create(this, dataSources, format, options.pathOf("format"), options,
                (p, checked) -> p.create(checked, context));
    }
}
