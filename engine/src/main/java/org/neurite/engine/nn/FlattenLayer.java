package org.neurite.engine.nn;

import java.util.List;
import java.util.Map;

import org.neurite.api.Layer;
import org.neurite.api.LayerContext;
import org.neurite.api.LayerProvider;
import org.neurite.api.Mode;
import org.neurite.api.OptionSpec;
import org.neurite.api.Options;
import org.neurite.api.Parameter;
import org.neurite.api.Shape;
import org.neurite.api.Tensor;

/** Flattens each sample into one axis: {@code [batch, d1, d2, ...]} becomes {@code [batch, d1 * d2 * ...]}. */
public final class FlattenLayer implements Layer {

    /** The type name configs use. */
    public static final String TYPE = "flatten";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Options options() {
        return Options.empty();
    }

    @Override
    public Shape outputShape(Shape inputShape) {
        return Shape.of(inputShape.intSize());
    }

    @Override
    public Map<String, Parameter> parameters() {
        return Map.of();
    }

    @Override
    public Tensor forward(Tensor input, Mode mode) {
        if (input.rank() < 1) {
            throw new InputShapeException(TYPE, "a batch axis", input.shape());
        }
        return input.reshape(input.dim(0), input.shape().dropFirst().intSize());
    }

    /** Creates flatten layers from configs. */
    public static final class Provider implements LayerProvider {

        @Override
        public String name() {
            return TYPE;
        }

        @Override
        public String description() {
            return "Flattens each sample into one axis: [batch, d1, d2, ...] becomes [batch, d1*d2*...].";
        }

        @Override
        public List<OptionSpec> options() {
            return List.of();
        }

        @Override
        public Layer create(Options options, Shape inputShape, LayerContext context) {
            options.rejectUnknown(options());
            return new FlattenLayer();
        }
    }
}
