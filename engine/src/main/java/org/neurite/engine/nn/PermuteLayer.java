package org.neurite.engine.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.neurite.api.Layer;
import org.neurite.api.LayerContext;
import org.neurite.api.LayerProvider;
import org.neurite.api.Mode;
import org.neurite.api.OptionException;
import org.neurite.api.OptionSpec;
import org.neurite.api.OptionType;
import org.neurite.api.Options;
import org.neurite.api.Parameter;
import org.neurite.api.Shape;
import org.neurite.api.Tensor;

/**
 * Reorders the axes of each sample, as {@code x.permute(0, 1 + dims...)} in PyTorch, so that
 * for instance the columns of an image become its time steps. Without parameters.
 *
 * <p>Shape: output axis {@code i} is input axis {@code dims[i]}, both counted per sample
 * (without the batch axis): {@code [28, 28]} with {@code dims: [1, 0]} gives the transposed
 * image, {@code [1, 28, 28]} with {@code dims: [1, 2, 0]} gives {@code [28, 28, 1]}.
 */
public final class PermuteLayer implements Layer {

    /** The type name configs use. */
    public static final String TYPE = "permute";

    private final int[] dims;

    /**
     * @param dims a permutation of the per-sample axes {@code 0 .. n-1}
     * @throws IllegalArgumentException if it is not one
     */
    public PermuteLayer(int... dims) {
        String problem = problem(dims);
        if (problem != null) {
            throw new IllegalArgumentException(TYPE + ": " + problem);
        }
        this.dims = dims.clone();
    }

    private static String problem(int[] dims) {
        boolean[] seen = new boolean[dims.length];
        for (int d : dims) {
            if (d < 0 || d >= dims.length || seen[d]) {
                return "dims must be a permutation of 0.." + (dims.length - 1) + ", got " + Arrays.toString(dims);
            }
            seen[d] = true;
        }
        return dims.length == 0 ? "dims must list at least one axis" : null;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Options options() {
        List<Integer> list = new ArrayList<>(dims.length);
        for (int d : dims) {
            list.add(d);
        }
        return LayerOptions.of("dims", list);
    }

    @Override
    public Shape outputShape(Shape inputShape) {
        if (inputShape.rank() != dims.length) {
            throw new InputShapeException(TYPE, "an input of rank " + dims.length + " (dims " + Arrays.toString(dims)
                    + ")", inputShape);
        }
        int[] out = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            out[i] = inputShape.dim(dims[i]);
        }
        return Shape.of(out);
    }

    @Override
    public Map<String, Parameter> parameters() {
        return Map.of();
    }

    @Override
    public Tensor forward(Tensor input, Mode mode) {
        int[] order = new int[dims.length + 1];
        for (int i = 0; i < dims.length; i++) {
            order[i + 1] = dims[i] + 1;
        }
        return input.permute(order);
    }

    /** Creates permute layers from configs. */
    public static final class Provider implements LayerProvider {

        @Override
        public String name() {
            return TYPE;
        }

        @Override
        public String description() {
            return "Reorders the axes of each sample (x.permute(0, 1 + dims...)), e.g. image rows or columns as time steps.";
        }

        @Override
        public List<OptionSpec> options() {
            return List.of(OptionSpec.required("dims", OptionType.INTEGERS,
                    "The new order of the per-sample axes (without the batch axis), such as [1, 0]."));
        }

        @Override
        public Layer create(Options options, Shape inputShape, LayerContext context) {
            options.rejectUnknown(options());
            int[] dims = options.getIntList("dims");
            String problem = problem(dims);
            if (problem != null) {
                throw new OptionException(options.pathOf("dims"), problem);
            }
            PermuteLayer layer = new PermuteLayer(dims);
            layer.outputShape(inputShape);
            return layer;
        }
    }
}
