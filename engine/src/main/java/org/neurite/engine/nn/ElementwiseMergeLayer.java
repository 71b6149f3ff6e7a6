package org.neurite.engine.nn;

import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;

import org.neurite.api.Layer;
import org.neurite.api.LayerContext;
import org.neurite.api.LayerProvider;
import org.neurite.api.Mode;
import org.neurite.api.MultiInputLayer;
import org.neurite.api.OptionSpec;
import org.neurite.api.Options;
import org.neurite.api.Parameter;
import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;
import org.neurite.api.Tensor;

/**
 * Merges two or more inputs elementwise: {@code add} sums them (a residual connection),
 * {@code multiply} multiplies them (a gate, or a mask applied to features). Without parameters.
 *
 * <p>Shape: inputs of one rank; along each axis the lengths are equal or 1, and a length 1
 * stretches to the others' ({@code [T, D]} with {@code [T, 1]} gives {@code [T, D]}).
 */
public final class ElementwiseMergeLayer implements MultiInputLayer {

    /** The two merges, by the type name configs use. */
    public enum Operation {
        /** The elementwise sum. */
        ADD("add", Tensor::add, "Adds its inputs elementwise (a residual or skip connection)."),
        /** The elementwise product. */
        MULTIPLY("multiply", Tensor::mul, "Multiplies its inputs elementwise (a gate, or a mask on features).");

        private final String type;
        private final BinaryOperator<Tensor> combine;
        private final String description;

        Operation(String type, BinaryOperator<Tensor> combine, String description) {
            this.type = type;
            this.combine = combine;
            this.description = description;
        }

        /** @return the type name configs use */
        public String type() {
            return type;
        }
    }

    private final Operation operation;

    /** @param operation the merge */
    public ElementwiseMergeLayer(Operation operation) {
        this.operation = operation;
    }

    @Override
    public String type() {
        return operation.type;
    }

    @Override
    public Options options() {
        return Options.empty();
    }

    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        if (inputShapes.size() < 2) {
            throw new ShapeMismatchException(operation.type + ": takes at least two inputs, given " + inputShapes.size());
        }
        int rank = inputShapes.get(0).rank();
        int[] out = inputShapes.get(0).dims();
        for (Shape s : inputShapes) {
            if (s.rank() != rank) {
                throw mismatch(inputShapes, "of different ranks");
            }
            for (int a = 0; a < rank; a++) {
                if (out[a] == 1) {
                    out[a] = s.dim(a);
                } else if (s.dim(a) != 1 && s.dim(a) != out[a]) {
                    throw mismatch(inputShapes, "differ at axis " + a + " (" + out[a] + " and " + s.dim(a) + ")");
                }
            }
        }
        return Shape.of(out);
    }

    private ShapeMismatchException mismatch(List<Shape> shapes, String why) {
        return new ShapeMismatchException(operation.type + ": input shapes " + MergeShapes.list(shapes) + " do not match: "
                + why + "; each axis must be equal or 1");
    }

    @Override
    public Map<String, Parameter> parameters() {
        return Map.of();
    }

    @Override
    public Tensor forward(List<Tensor> inputs, Mode mode) {
        Tensor result = inputs.get(0);
        for (int i = 1; i < inputs.size(); i++) {
            result = operation.combine.apply(result, inputs.get(i));
        }
        return result;
    }

    /** Creates one merge from configs. */
    public static final class Provider implements LayerProvider {

        private final Operation operation;

        /** @param operation the merge its layers do */
        public Provider(Operation operation) {
            this.operation = operation;
        }

        @Override
        public String name() {
            return operation.type;
        }

        @Override
        public String description() {
            return operation.description + " Takes two or more inputs in a graph.";
        }

        @Override
        public List<OptionSpec> options() {
            return List.of();
        }

        @Override
        public Layer create(Options options, Shape inputShape, LayerContext context) {
            return create(options, List.of(inputShape), context);
        }

        @Override
        public Layer create(Options options, List<Shape> inputShapes, LayerContext context) {
            options.rejectUnknown(options());
            ElementwiseMergeLayer layer = new ElementwiseMergeLayer(operation);
            layer.outputShape(inputShapes);
            return layer;
        }
    }
}
