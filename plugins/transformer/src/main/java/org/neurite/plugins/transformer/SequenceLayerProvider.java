package org.neurite.plugins.transformer;

import java.util.ArrayList;
import java.util.List;

import org.neurite.api.Layer;
import org.neurite.api.LayerContext;
import org.neurite.api.LayerProvider;
import org.neurite.api.OptionSpec;
import org.neurite.api.Options;
import org.neurite.api.Shape;

/**
 * What the providers of the attention layers share: name, description and options given once; a
 * layer of one input is created as one of a list of inputs (sequence, memory, padding mask); the
 * options are checked before {@link #build} sees them. (Each provider still names
 * {@link LayerProvider} among its interfaces: PF4J finds an extension's point there.)
 */
abstract class SequenceLayerProvider implements LayerProvider {

    private final String name;
    private final String description;
    private final List<OptionSpec> options;

    SequenceLayerProvider(String name, String description, List<OptionSpec> options) {
        this.name = name;
        this.description = description;
        this.options = List.copyOf(options);
    }

    /**
     * @param lists option specs
     * @return all of them, in order
     */
    @SafeVarargs
    static List<OptionSpec> joined(List<OptionSpec>... lists) {
        List<OptionSpec> all = new ArrayList<>();
        for (List<OptionSpec> specs : lists) {
            all.addAll(specs);
        }
        return List.copyOf(all);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final List<OptionSpec> options() {
        return options;
    }

    @Override
    public Layer create(Options options, Shape inputShape, LayerContext context) {
        return create(options, List.of(inputShape), context);
    }

    @Override
    public final Layer create(Options options, List<Shape> inputShapes, LayerContext context) {
        options.rejectUnknown(this.options);
        return build(options, inputShapes, context);
    }

    /**
     * @param options the layer's checked options
     * @param inputShapes the per-sample shapes of its inputs
     * @param context the backend, random source and components to build with
     * @return the layer
     */
    abstract Layer build(Options options, List<Shape> inputShapes, LayerContext context);
}
