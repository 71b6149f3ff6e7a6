package org.neurite.engine.registry;

import java.util.LinkedHashMap;
import java.util.Map;

import org.neurite.api.Activation;
import org.neurite.api.Initializer;
import org.neurite.api.LayerContext;
import org.neurite.api.OptionException;
import org.neurite.api.Options;

/**
 * A component named inside another's options, written either as a bare name
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
        if (!owner.has(key)) {
            return null;
        }
        String path = owner.pathOf(key);
        Object value = owner.raw(key);
        if (value instanceof String s) {
            return new ComponentRef(s, Options.of(path, Map.of()));
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> rest = new LinkedHashMap<>();
            map.forEach((k, v) -> rest.put(String.valueOf(k), v));
            Object name = rest.remove("name");
            if (!(name instanceof String s)) {
                throw new OptionException(path + ".name", name == null ? "is required but missing"
                        : "expected a string, got " + name);
            }
            return new ComponentRef(s, Options.of(path, rest));
        }
        throw new OptionException(path, "expected a name or a map with a name and options, got " + value);
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
