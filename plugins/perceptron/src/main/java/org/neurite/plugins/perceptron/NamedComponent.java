package org.neurite.plugins.perceptron;

import java.util.LinkedHashMap;
import java.util.Map;

import org.neurite.api.OptionException;
import org.neurite.api.Options;

/**
 * A component named inside a layer's options, written as a bare name ({@code weight_init: zeros})
 * or as a map of the name and its own options ({@code weight_init: {name: constant, value: 0.5}}).
 *
 * @param name the registered name
 * @param options its own options, whose path is the key that named it, so messages point there
 */
record NamedComponent(String name, Options options) {

    /**
     * Reads a reference.
     *
     * @param owner the layer's options
     * @param key the key, such as {@code weight_init}
     * @param fallback the name used when the key is absent
     * @return the reference
     * @throws OptionException if the value is neither a name nor a map with a {@code name}
     */
    static NamedComponent read(Options owner, String key, String fallback) {
        String path = owner.pathOf(key);
        Object value = owner.has(key) ? owner.raw(key) : fallback;
        if (value instanceof String s) {
            return new NamedComponent(s, Options.of(path, Map.of()));
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> rest = new LinkedHashMap<>();
            map.forEach((k, v) -> rest.put(String.valueOf(k), v));
            Object name = rest.remove("name");
            if (!(name instanceof String s)) {
                throw new OptionException(path + ".name", name == null ? "is required but missing"
                        : "expected a string, got " + name);
            }
            return new NamedComponent(s, Options.of(path, rest));
        }
        throw new OptionException(path, "expected a name or a map with a name and options, got " + value);
    }
}
