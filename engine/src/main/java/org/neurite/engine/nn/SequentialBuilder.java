package org.neurite.engine.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.neurite.api.Layer;
import org.neurite.api.Options;
import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;
import org.neurite.engine.registry.Components;
import org.neurite.engine.registry.EngineLayerContext;

/**
 * Builds a {@link Sequential} from Java code, from layer types with options or from layer
 * instances:
 * {@code Sequential.builder(Shape.of(784)).seed(0).add("dense", Map.of("units", 256, "activation", "relu")).build()}.
 * Layers are created in {@link #build()}, in order, so the seed fixes every initial value.
 */
public final class SequentialBuilder {

    private final Shape inputShape;
    private final List<Object> steps = new ArrayList<>();
    private long seed;
    private Components components;

    SequentialBuilder(Shape inputShape) {
        this.inputShape = inputShape;
    }

    /** @return this builder, drawing initial values from {@code new SplittableRandom(seed)} (default 0) */
    public SequentialBuilder seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** @return this builder, looking layer types up in {@code components} (default: the built-ins) */
    public SequentialBuilder components(Components components) {
        this.components = components;
        return this;
    }

    /**
     * @param type a registered layer type, such as {@code dense}
     * @param options its options, as in a config
     * @return this builder
     */
    public SequentialBuilder add(String type, Map<String, ?> options) {
        steps.add(new TypedStep(type, options));
        return this;
    }

    /**
     * @param layer a layer created for the previous layer's output shape
     * @return this builder
     */
    public SequentialBuilder add(Layer layer) {
        steps.add(layer);
        return this;
    }

    /**
     * @return the model
     * @throws org.neurite.api.OptionException if a type is unknown or an option is wrong, at {@code layers[i]}
     * @throws ShapeMismatchException if a layer cannot take the previous output
     */
    public Sequential build() {
        EngineLayerContext context = EngineLayerContext.seeded(
                components == null ? Components.builtIns() : components, seed, "");
        List<Layer> layers = new ArrayList<>(steps.size());
        Shape shape = inputShape;
        for (int i = 0; i < steps.size(); i++) {
            String path = "layers[" + i + "]";
            Object step = steps.get(i);
            Layer layer;
            if (step instanceof TypedStep typed) {
                try {
                    layer = context.layer(typed.type(), Options.of(path, typed.options()), shape);
                } catch (ShapeMismatchException e) {
                    throw Sequential.placed(path, typed.type(), i == 0, shape, e);
                }
            } else {
                layer = (Layer) step;
            }
            try {
                shape = layer.outputShape(shape);
            } catch (ShapeMismatchException e) {
                throw Sequential.placed(path, layer.type(), i == 0, shape, e);
            }
            layers.add(layer);
        }
        return new Sequential(inputShape, layers, context.streams());
    }

    private record TypedStep(String type, Map<String, ?> options) {
    }
}
