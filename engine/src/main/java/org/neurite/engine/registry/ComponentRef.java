package org.neurite.engine.registry;

import org.neurite.api.Activation;
import org.neurite.api.Initializer;
import org.neurite.api.LayerContext;
import org.neurite.api.Options;

/**
 * The engine's name for the api's {@link org.neurite.api.ComponentRef}, with the lookups its
 * layers use. A component named inside another's options, written either as a bare name
 * ({@code activation: relu}) or as a map of the name and its own options
 * ({@code activation: {name: leaky_relu, slope: 0.1}}).
 *
 * @param name the registered name
 * @param options its own options, whose path is the key that named it (such as
 *     {@code model.layers[0].activation}), so messages about either point there
 */
public record ComponentRef(String name, Options options) {

    /**
     * Reads a reference.
     *
     * @param owner the options holding the key
     * @param key the key, such as {@code activation}
     * @return the reference, or {@code null} if the key is absent
     * @throws OptionException if the value is neither a name nor a map with a {@code name}
     */
    public static ComponentRef read(Options owner, String key) {
        org.neurite.api.ComponentRef ref = owner.getComponent(key);
        return ref == null ? null : new ComponentRef(ref.name(), ref.options());
    }

    /**
     * Creates the activation a layer's option names.
     *
     * @param owner the layer's options
     * @param key the key naming the activation, such as {@code activation}
     * @param context where the activation is looked up
     * @return the activation, or {@code null} if the key is absent
     * @throws OptionException if the name is unknown or its options are wrong
     */
    public static Activation activation(Options owner, String key, LayerContext context) {
        ComponentRef ref = read(owner, key);
        return ref == null ? null : context.activation(ref.name, ref.options);
    }

    /**
     * Creates the initializer a layer's option names.
     *
     * @param owner the layer's options
     * @param key the key naming the initializer, such as {@code weight_init}
     * @param context where the initializer is looked up
     * @param fallback the layer's default, used when the key is absent
     * @return the initializer
     * @throws OptionException if the name is unknown or its options are wrong
     */
    public static Initializer initializer(Options owner, String key, LayerContext context, Initializer fallback) {
        ComponentRef ref = read(owner, key);
        return ref == null ? fallback : context.initializer(ref.name, ref.options);
    }
}
