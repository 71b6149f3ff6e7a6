package org.neurite.engine.registry;

import java.util.Collection;

import org.neurite.api.Activation;
import org.neurite.api.ActivationProvider;
import org.neurite.api.ComponentProvider;
import org.neurite.api.DataSourceProvider;
import org.neurite.api.Initializer;
import org.neurite.api.InitializerProvider;
import org.neurite.api.LayerProvider;
import org.neurite.api.Loss;
import org.neurite.api.LossProvider;
import org.neurite.api.Optimizer;
import org.neurite.api.OptimizerProvider;
import org.neurite.api.OptionException;
import org.neurite.api.Options;
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
     * Adds a provider to the registry of its kind; a provider of several kinds joins each.
     *
     * @param provider a layer, activation, loss, optimizer, initializer or data source provider
     * @return these components
     * @throws IllegalArgumentException if the provider is of no known kind or its name is taken
     */
    public Components register(ComponentProvider provider) {
        boolean known = false;
        if (provider instanceof LayerProvider p) {
            layers.register(p);
            known = true;
        }
        if (provider instanceof ActivationProvider p) {
            activations.register(p);
            known = true;
        }
        if (provider instanceof LossProvider p) {
            losses.register(p);
            known = true;
        }
        if (provider instanceof OptimizerProvider p) {
            optimizers.register(p);
            known = true;
        }
        if (provider instanceof InitializerProvider p) {
            initializers.register(p);
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
     * Creates an activation by name. Messages name {@code options.path()} as where the name was written.
     *
     * @param name the registered name
     * @param options its options
     * @return the activation
     * @throws OptionException if the name is unknown or an option is wrong
     */
    public Activation activation(String name, Options options) {
        return activations.get(name, options.path()).create(options);
    }

    /**
     * Creates an initializer by name, as {@link #activation} does.
     *
     * @param name the registered name
     * @param options its options
     * @return the initializer
     */
    public Initializer initializer(String name, Options options) {
        return initializers.get(name, options.path()).create(options);
    }

    /**
     * Creates a loss by name, as {@link #activation} does.
     *
     * @param name the registered name
     * @param options its options
     * @return the loss
     */
    public Loss loss(String name, Options options) {
        return losses.get(name, options.path()).create(options);
    }

    /**
     * Creates an optimizer by name, as {@link #activation} does.
     *
     * @param name the registered name
     * @param options its options
     * @return the optimizer
     */
    public Optimizer optimizer(String name, Options options) {
        return optimizers.get(name, options.path()).create(options);
    }
}
