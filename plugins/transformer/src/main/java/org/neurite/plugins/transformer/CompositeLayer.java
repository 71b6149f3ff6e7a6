package org.neurite.plugins.transformer;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.neurite.api.Layer;
import org.neurite.api.Options;
import org.neurite.api.Parameter;

/**
 * What every layer of this plugin shares: its type, its options (for the saved architecture)
 * and a parameter listing built once, as each part or parameter is registered under its
 * PyTorch name ({@code self_attn.in_proj_weight}, {@code linear1.weight}, ...).
 */
abstract class CompositeLayer implements Layer {

    private final String type;
    private final Options options;
    private final Map<String, Parameter> parameters = new LinkedHashMap<>();

    CompositeLayer(String type, Options options) {
        this.type = type;
        this.options = options;
    }

    /** Registers a part's parameters under {@code name.}, or under their own names when {@code name} is empty. */
    final <L extends Layer> L part(String name, L layer) {
        String prefix = name.isEmpty() ? "" : name + ".";
        layer.parameters().forEach((key, p) -> parameters.put(prefix + key, p));
        return layer;
    }

    /** Registers one parameter of this layer's own. */
    final Parameter parameter(String name, Parameter p) {
        parameters.put(name, p);
        return p;
    }

    @Override
    public final String type() {
        return type;
    }

    @Override
    public final Options options() {
        return options;
    }

    @Override
    public final Map<String, Parameter> parameters() {
        return Collections.unmodifiableMap(parameters);
    }
}
