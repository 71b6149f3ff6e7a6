package org.neurite.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A component named inside another's options (an option of type {@link OptionType#COMPONENT}),
 * written either as a bare name ({@code activation: relu}) or as a map of the name and the
 * component's own options ({@code activation: {name: leaky_relu, slope: 0.1}}). Read it with
 * {@link Options#getComponent}; create it with {@link LayerContext#activation(ComponentRef)} or
 * {@link LayerContext#initializer(ComponentRef, Initializer)}.
 *
 * @param name the registered name, plain ({@code relu}) or qualified by its plugin ({@code mish:mish})
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
        if (!owner.has(key) || owner.raw(key) == null) {
            return null;
        }
        return parse(owner.pathOf(key), owner.raw(key));
    }

    /**
     * Reads a reference that has a default: when the key is absent, the component named
     * {@code fallback} with no options of its own (a value written as {@code null} is an error).
     *
     * @param owner the options holding the key
     * @param key the key, such as {@code weight_init}
     * @param fallback the name used when the key is absent, such as {@code zeros}
     * @return the reference, never {@code null}
     * @throws OptionException if the value is neither a name nor a map with a {@code name}
     */
    public static ComponentRef read(Options owner, String key, String fallback) {
        return parse(owner.pathOf(key), owner.has(key) ? owner.raw(key) : fallback);
    }

    /**
     * @param path the key path of the value, for messages
     * @param value a name, or a map with a {@code name} and the component's options
     * @return the reference
     * @throws OptionException if the value is neither
     */
    static ComponentRef parse(String path, Object value) {
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
}
