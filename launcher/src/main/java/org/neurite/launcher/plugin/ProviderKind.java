package org.neurite.launcher.plugin;

import java.util.function.Function;

import org.neurite.api.ActivationProvider;
import org.neurite.api.ComponentProvider;
import org.neurite.api.DataSourceProvider;
import org.neurite.api.InitializerProvider;
import org.neurite.api.LayerProvider;
import org.neurite.api.LossProvider;
import org.neurite.api.OptimizerProvider;
import org.neurite.engine.registry.ComponentRegistry;
import org.neurite.engine.registry.Components;

/** The kinds of provider a plugin can contribute, each with its api interface and its registry. */
public enum ProviderKind {
    /** Layer types, such as {@code dense}. */
    LAYER(LayerProvider.class, Components::layers),
    /** Activations, such as {@code relu}. */
    ACTIVATION(ActivationProvider.class, Components::activations),
    /** Losses, such as {@code cross_entropy}. */
    LOSS(LossProvider.class, Components::losses),
    /** Optimizers, such as {@code adam}. */
    OPTIMIZER(OptimizerProvider.class, Components::optimizers),
    /** Initializers, such as {@code he_normal}. */
    INITIALIZER(InitializerProvider.class, Components::initializers),
    /** Data formats, such as {@code text}. */
    DATA_SOURCE(DataSourceProvider.class, Components::dataSources);

    private final Class<? extends ComponentProvider> type;
    private final Function<Components, ComponentRegistry<? extends ComponentProvider>> registry;

    ProviderKind(Class<? extends ComponentProvider> type,
                 Function<Components, ComponentRegistry<? extends ComponentProvider>> registry) {
        this.type = type;
        this.registry = registry;
    }

    /** @return the api interface, which is also the PF4J extension point */
    public Class<? extends ComponentProvider> type() {
        return type;
    }

    /**
     * @param components the registries
     * @return the registry of this kind
     */
    public ComponentRegistry<? extends ComponentProvider> registry(Components components) {
        return registry.apply(components);
    }

    /**
     * @param provider a provider
     * @return whether it is of this kind (a provider may be of several)
     */
    public boolean includes(ComponentProvider provider) {
        return type.isInstance(provider);
    }
}
