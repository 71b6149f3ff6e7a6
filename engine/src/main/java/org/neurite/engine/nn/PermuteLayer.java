package org.neurite.engine.nn;

import java.util.Arrays;

import org.neurite.api.BaseLayer;
import org.neurite.api.Layer;
import org.neurite.api.Mode;
import org.neurite.api.Options;
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
public final class PermuteLayer extends BaseLayer {

    /** The type name configs use. */
    public static final String TYPE = "permute";

    private final int[] dims;

    /**
     * @param dims a permutation of the per-sample axes {@code 0 .. n-1}
     * @throws IllegalArgumentException if it is not one
     */
    public PermuteLayer(int... dims) {
        this(LayerOptions.of("dims", LayerOptions.list(dims)), dims);
    }

    private PermuteLayer(Options options, int[] dims) {
        super(TYPE, options, null);
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
    public Tensor forward(Tensor input, Mode mode) {
        int[] order = new int[dims.length + 1];
        for (int i = 0; i < dims.length; i++) {
            order[i + 1] = dims[i] + 1;
        }
        return input.permute(order);
    }

    /** Creates permute layers from configs. */
    public static final class Provider extends AxesLayerProvider {

        /** The provider of the type {@value #TYPE}. */
        public Provider() {
            super(TYPE, "Reorders the axes of each sample (x.permute(0, 1 + dims...)), e.g. image rows or columns as"
                    + " time steps.", "dims", "The new order of the per-sample axes (without the batch axis), such as"
                    + " [1, 0].");
        }

        @Override
        String problem(int[] values) {
            return PermuteLayer.problem(values);
        }

        @Override
        Layer create(Options options, int[] values) {
            return new PermuteLayer(options, values);
        }
    }
}
