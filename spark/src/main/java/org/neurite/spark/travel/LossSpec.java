package org.neurite.spark.travel;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

import org.neurite.api.Loss;
import org.neurite.api.Options;
import org.neurite.engine.io.Json;
import org.neurite.engine.registry.Components;

/**
 * A loss as it travels: its name and its options as JSON text, from which each executor creates
 * its own, as a run config names it.
 *
 * @param name the loss's name, such as {@code cross_entropy}
 * @param optionsJson its options as a JSON object
 */
public record LossSpec(String name, String optionsJson) implements Serializable {

    /**
     * @param name the loss's name
     * @param options its options, plain JSON values
     * @return the spec
     */
    public static LossSpec of(String name, Map<String, ?> options) {
        return new LossSpec(name, Json.writeCompact(new LinkedHashMap<>(options)));
    }

    /**
     * @param components where the loss is looked up
     * @return a new loss
     */
    public Loss create(Components components) {
        Map<String, Object> options = new LinkedHashMap<>();
        if (Json.read(optionsJson, "loss options") instanceof Map<?, ?> read) {
            read.forEach((k, v) -> options.put(String.valueOf(k), v));
        }
        return components.loss(name, Options.of("loss", options));
    }
}
