package org.neurite.engine.registry;

import java.util.Collection;
import java.util.List;

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

    private Components() {
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
        return register(provider, ComponentRegistry.BUILT_IN, "the engine (built in)");
    }

    /**
     * Adds a provider of an owner (a plugin) to the registry of its kind. A name another owner
     * provides too stays reachable as {@code owner:name}; see {@link ComponentRegistry}.
     *
     * @param provider a layer, activation, loss, optimizer or initializer provider
     * @param owner the plugin id, or {@link ComponentRegistry#BUILT_IN}
     * @param origin the owner as messages name it, such as {@code plugin 'mish' 1.0.0}
     * @return these components
     * @throws IllegalArgumentException if the provider is of no known kind or the owner already provides its name
     */
    public Components register(ComponentProvider provider, String owner, String origin) {
        boolean known = false;
        if (provider instanceof LayerProvider p) {
            layers.register(p, owner, origin);
            known = true;
        }
        if (provider instanceof ActivationProvider p) {
            activations.register(p, owner, origin);
            known = true;
        }
        if (provider instanceof LossProvider p) {
            losses.register(p, owner, origin);
            known = true;
        }
        if (provider instanceof OptimizerProvider p) {
            optimizers.register(p, owner, origin);
            known = true;
        }
        if (provider instanceof InitializerProvider p) {
            initializers.register(p, owner, origin);
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
        return ComponentCreation.create(activations, name, options, ActivationProvider::create);
    }

    /**
     * Creates an initializer by name, as {@link #activation} does.
     *
     * @param name the registered name
     * @param options its options
     * @return the initializer
     */
    public Initializer initializer(String name, Options options) {
        return ComponentCreation.create(initializers, name, options, InitializerProvider::create);
    }

    /**
     * Creates a loss by name, as {@link #activation} does.
     *
     * @param name the registered name
     * @param options its options
     * @return the loss
     */
    public Loss loss(String name, Options options) {
        return ComponentCreation.create(losses, name, options, LossProvider::create);
    }

    /**
     * Creates an optimizer by name, as {@link #activation} does.
     *
     * @param name the registered name
     * @param options its options
     * @return the optimizer
     */
    public Optimizer optimizer(String name, Options options) {
        return ComponentCreation.create(optimizers, name, options, OptimizerProvider::create);
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
        return ComponentCreation.create(layers, type, options, (p, checked) -> p.create(checked, inputShapes, context));
    }
}
