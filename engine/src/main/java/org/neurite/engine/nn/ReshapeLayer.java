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
 * Gives each sample a new shape with the same number of elements, such as {@code [784]} to
 * {@code [1, 28, 28]}. One dimension may be {@code -1}, inferred from the others.
 */
public final class ReshapeLayer implements Layer {

    /** The type name configs use. */
    public static final String TYPE = "reshape";

    private final Options options;
    private final int[] target;

    /**
     * @param shape the per-sample target dimensions; one may be {@code -1}, the others positive
     * @throws IllegalArgumentException if more than one is {@code -1} or one is otherwise not positive
     */
    public ReshapeLayer(int... shape) {
        this(LayerOptions.of("shape", toList(shape)), shape);
    }

    private ReshapeLayer(Options options, int[] target) {
        String problem = problem(target);
        if (problem != null) {
            throw new IllegalArgumentException("reshape: " + problem);
        }
        this.options = options;
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

    private static List<Integer> toList(int[] dims) {
        List<Integer> list = new ArrayList<>(dims.length);
        for (int d : dims) {
            list.add(d);
        }
        return list;
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
    public Map<String, Parameter> parameters() {
        return Map.of();
    }

    @Override
    public Tensor forward(Tensor input, Mode mode) {
        if (input.rank() < 1) {
            throw new InputShapeException(TYPE, "a batch axis", input.shape());
        }
        return input.reshape(outputShape(input.shape().dropFirst()).prepend(input.dim(0)).dims());
    }

    /** Creates reshape layers from configs. */
    public static final class Provider implements LayerProvider {

        @Override
        public String name() {
            return TYPE;
        }

        @Override
        public String description() {
            return "Gives each sample a new shape with the same number of elements; one dimension may be -1.";
        }

        @Override
        public List<OptionSpec> options() {
            return List.of(OptionSpec.required("shape", OptionType.INTEGERS,
                    "Per-sample target shape without the batch axis, such as [1, 28, 28]; one dimension may be -1."));
        }

        @Override
        public Layer create(Options options, Shape inputShape, LayerContext context) {
            options.rejectUnknown(options());
            // One number is a shape of one axis, as the INTEGERS option type allows.
            int[] target = options.raw("shape") instanceof Number
                    ? new int[] {options.getInt("shape")} : options.getIntList("shape");
            String problem = problem(target);
            if (problem != null) {
                throw new OptionException(options.pathOf("shape"), problem);
            }
            ReshapeLayer layer = new ReshapeLayer(options, target);
            layer.outputShape(inputShape);
            return layer;
        }
    }
}
