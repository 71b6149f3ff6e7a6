package org.neurite.plugins.transformer;

import java.util.List;
import java.util.Map;

import org.neurite.api.Layer;
import org.neurite.api.Mode;
import org.neurite.api.Options;
import org.neurite.api.Parameter;
import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;
import org.neurite.api.Tensor;

/**
 * Reduces a sequence to one vector: the mean over its steps, or its first step (a class token).
 *
 * <p>Shape: input {@code [batch, time, width]}; output {@code [batch, width]}.
 */
final class SequencePool implements Layer {

    static final String TYPE = "sequence_pool";
    static final List<String> MODES = List.of("mean", "first");

    private final Options options;
    private final boolean mean;

    SequencePool(Options options, boolean mean) {
        this.options = options;
        this.mean = mean;
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
        if (inputShape.rank() != 2) {
            throw new ShapeMismatchException(TYPE + ": expects a sequence [time, width], got " + inputShape);
        }
        return Shape.of(inputShape.dim(1));
    }

    @Override
    public Map<String, Parameter> parameters() {
        return Map.of();
    }

    @Override
    public Tensor forward(Tensor input, Mode mode) {
        if (mean) {
            return input.mean(false, 1);
        }
        Shape s = input.shape();
        return input.slice(1, 0, 1).reshape(s.dim(0), s.dim(2));
    }
}
