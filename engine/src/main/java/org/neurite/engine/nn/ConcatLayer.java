package org.neurite.engine.nn;

import java.util.List;
import java.util.Map;

import org.neurite.api.Layer;
import org.neurite.api.LayerContext;
import org.neurite.api.LayerProvider;
import org.neurite.api.Mode;
import org.neurite.api.MultiInputLayer;
import org.neurite.api.OptionSpec;
import org.neurite.api.OptionType;
import org.neurite.api.Options;
import org.neurite.api.Parameter;
import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;
import org.neurite.api.Tensor;

/**
 * Joins two or more inputs end to end along one per-sample axis, as {@code torch.cat}.
 * Without parameters.
 *
 * <p>Shape: inputs of one rank that agree on every axis but {@code axis}; the output's
 * {@code axis} is the sum of theirs ({@code [T, 64]} and {@code [T, 32]} along {@code -1}
 * give {@code [T, 96]}). The axis counts per-sample axes, without the batch axis; negative
 * counts from the end.
 */
public final class ConcatLayer implements MultiInputLayer {

    /** The type name configs use. */
    public static final String TYPE = "concat";

    private final int axis;

    /** @param axis the per-sample axis to join along; negative counts from the end */
    public ConcatLayer(int axis) {
        this.axis = axis;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Options options() {
        return LayerOptions.of("axis", axis);
    }

    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        if (inputShapes.size() < 2) {
            throw new ShapeMismatchException(TYPE + ": takes at least two inputs, given " + inputShapes.size());
        }
        Shape first = inputShapes.get(0);
        int rank = first.rank();
        if (axis < -rank || axis >= rank) {
            throw new ShapeMismatchException(TYPE + ": axis " + axis + " is outside inputs of rank " + rank + " ("
                    + MergeShapes.list(inputShapes) + ")");
        }
        int a = axis < 0 ? axis + rank : axis;
        int[] out = first.dims();
        for (int i = 1; i < inputShapes.size(); i++) {
            Shape s = inputShapes.get(i);
            boolean fits = s.rank() == rank;
            for (int d = 0; fits && d < rank; d++) {
                fits = d == a || s.dim(d) == first.dim(d);
            }
            if (!fits) {
                throw new ShapeMismatchException(TYPE + ": input shapes " + MergeShapes.list(inputShapes)
                        + " do not match: all axes but axis " + axis + " must be equal");
            }
            out[a] += s.dim(a);
        }
        return Shape.of(out);
    }

    @Override
    public Map<String, Parameter> parameters() {
        return Map.of();
    }

    @Override
    public Tensor forward(List<Tensor> inputs, Mode mode) {
        int rank = inputs.get(0).rank() - 1;
        return inputs.get(0).backend().concat(inputs, (axis < 0 ? axis + rank : axis) + 1);
    }

    /** Creates concat layers from configs. */
    public static final class Provider implements LayerProvider {

        @Override
        public String name() {
            return TYPE;
        }

        @Override
        public String description() {
            return "Joins two or more inputs along one per-sample axis (torch.cat); the other axes must agree.";
        }

        @Override
        public List<OptionSpec> options() {
            return List.of(OptionSpec.optional("axis", OptionType.INTEGER, -1,
                    "The per-sample axis to join along, without the batch axis; negative counts from the end."));
        }

        @Override
        public Layer create(Options options, Shape inputShape, LayerContext context) {
            return create(options, List.of(inputShape), context);
        }

        @Override
        public Layer create(Options options, List<Shape> inputShapes, LayerContext context) {
            options.rejectUnknown(options());
            ConcatLayer layer = new ConcatLayer(options.getInt("axis", -1));
            layer.outputShape(inputShapes);
            return layer;
        }
    }
}
