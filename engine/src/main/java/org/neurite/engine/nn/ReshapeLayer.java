package org.neurite.engine.nn;

import java.util.Arrays;

import org.neurite.api.BaseLayer;
import org.neurite.api.Layer;
import org.neurite.api.Mode;
import org.neurite.api.Options;
import org.neurite.api.Shape;
import org.neurite.api.Tensor;

/**
 * Gives each sample a new shape with the same number of elements, such as {@code [784]} to
 * {@code [1, 28, 28]}. One dimension may be {@code -1}, inferred from the others.
 */
public final class ReshapeLayer extends BaseLayer {

    /** The type name configs use. */
    public static final String TYPE = "reshape";

    private final int[] target;

    /**
     * @param shape the per-sample target dimensions; one may be {@code -1}, the others positive
     * @throws IllegalArgumentException if more than one is {@code -1} or one is otherwise not positive
     */
    public ReshapeLayer(int... shape) {
        this(LayerOptions.of("shape", LayerOptions.list(shape)), shape);
    }

    private ReshapeLayer(Options options, int[] target) {
        super(TYPE, options, null);
        String problem = problem(target);
        if (problem != null) {
            throw new IllegalArgumentException("reshape: " + problem);
        }
        this.target = target.clone();
    }

    /** @return what is wrong with the target dimensions, or {@code null} if nothing */
    private static String problem(int[] target) {
        int inferred = 0;
        for (int d : target) {
            if (d == -1) {
                inferred++;
            } else if (d < 1) {
                return "dimensions must be positive or -1, got " + Arrays.toString(target);
            }
        }
        return inferred > 1 ? "at most one dimension may be -1, got " + Arrays.toString(target) : null;
    }

    @Override
    public Shape outputShape(Shape inputShape) {
        long known = 1;
        int inferredAt = -1;
        for (int i = 0; i < target.length; i++) {
            if (target[i] == -1) {
                inferredAt = i;
            } else {
                known *= target[i];
            }
        }
        long size = inputShape.size();
        int[] dims = target.clone();
        if (inferredAt >= 0 && size % known == 0) {
            dims[inferredAt] = (int) (size / known);
            known = size;
        }
        if (known != size) {
            throw new InputShapeException(TYPE, "an input of " + (inferredAt >= 0 ? "a multiple of " : "") + known
                    + " elements to give " + Arrays.toString(target), inputShape);
        }
        return Shape.of(dims);
    }

    @Override
    public Tensor forward(Tensor input, Mode mode) {
        if (input.rank() < 1) {
            throw new InputShapeException(TYPE, "a batch axis", input.shape());
        }
        return input.reshape(outputShape(input.shape().dropFirst()).prepend(input.dim(0)).dims());
    }

    /** Creates reshape layers from configs. */
    public static final class Provider extends AxesLayerProvider {

        /** The provider of the type {@value #TYPE}. */
        public Provider() {
            super(TYPE, "Gives each sample a new shape with the same number of elements; one dimension may be -1.",
                    "shape", "Per-sample target shape without the batch axis, such as [1, 28, 28]; one dimension may"
                            + " be -1.");
        }

        @Override
        String problem(int[] values) {
            return ReshapeLayer.problem(values);
        }

        @Override
        Layer create(Options options, int[] values) {
            return new ReshapeLayer(options, values);
        }
    }
}
