package org.neurite.plugins.perceptron;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.neurite.api.Layer;
import org.neurite.api.Mode;
import org.neurite.api.Options;
import org.neurite.api.Parameter;
import org.neurite.api.Shape;
import org.neurite.api.Tensor;

/**
 * A feed-forward block: its parts (dense layers, with dropout layers between them) applied one
 * after another. Parameters are named by the part's position, as in a sequence of layers:
 * {@code 0.weight}, {@code 0.bias}, {@code 1.weight}, ...
 */
final class MlpBlock implements Layer {

    static final String TYPE = "mlp";

    private final Options options;
    private final List<Layer> parts;

    /**
     * @param options the options it was created from, kept for the saved architecture
     * @param parts the layers in order, each built for the previous one's output
     */
    MlpBlock(Options options, List<Layer> parts) {
        this.options = options;
        this.parts = List.copyOf(parts);
    }

    /** @return the parts, in order */
    List<Layer> parts() {
        return parts;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Options options() {
        return options;
    }

    @Override
    public Shape outputShape(Shape inputShape) {
        Shape shape = inputShape;
        for (Layer part : parts) {
            shape = part.outputShape(shape);
        }
        return shape;
    }

    @Override
    public Map<String, Parameter> parameters() {
        Map<String, Parameter> all = new LinkedHashMap<>();
        for (int i = 0; i < parts.size(); i++) {
            String prefix = i + ".";
            parts.get(i).parameters().forEach((name, p) -> all.put(prefix + name, p));
        }
        return all;
    }

    @Override
    public Tensor forward(Tensor input, Mode mode) {
        Tensor x = input;
        for (Layer part : parts) {
            x = part.forward(x, mode);
        }
        return x;
    }
}
