package org.neurite.plugins.cnn;

import java.util.ArrayList;
import java.util.List;

import org.neurite.api.BaseLayer;
import org.neurite.api.Layer;
import org.neurite.api.LayerContext;
import org.neurite.api.LayerProvider;
import org.neurite.api.Mode;
import org.neurite.api.OptionException;
import org.neurite.api.OptionSpec;
import org.neurite.api.OptionType;
import org.neurite.api.Options;
import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;
import org.neurite.api.Tensor;
import org.pf4j.Extension;

/**
 * Zero padding around images, PyTorch's {@code nn.ZeroPad2d}, built by joining zero blocks to the
 * input (so the gradient is the input's part of the output's). No parameters.
 *
 * <p>Shape: input {@code [channels, height, width]}; output
 * {@code [channels, height + top + bottom, width + left + right]}.
 */
final class ZeroPad2dLayer extends BaseLayer {

    static final String TYPE = "zero_pad2d";

    /** {@code {top, bottom, left, right}}. */
    private final int[] sides;

    private ZeroPad2dLayer(Options options, LayerContext context, int[] sides) {
        super(TYPE, options, context);
        this.sides = sides;
    }

    @Override
    public Shape outputShape(Shape input) {
        if (input.rank() != 3) {
            throw new ShapeMismatchException("expects per-sample inputs [channels, height, width]");
        }
        return Shape.of(input.dim(0), input.dim(1) + sides[0] + sides[1], input.dim(2) + sides[2] + sides[3]);
    }

    @Override
    public Tensor forward(Tensor input, Mode mode) {
        Tensor rows = pad(input, 2, sides[0], sides[1]);
        return pad(rows, 3, sides[2], sides[3]);
    }

    private static Tensor pad(Tensor x, int axis, int before, int after) {
        if (before == 0 && after == 0) {
            return x;
        }
        List<Tensor> parts = new ArrayList<>(3);
        if (before > 0) {
            parts.add(x.backend().zeros(block(x, axis, before)));
        }
        parts.add(x);
        if (after > 0) {
            parts.add(x.backend().zeros(block(x, axis, after)));
        }
        return x.backend().concat(parts, axis);
    }

    private static Shape block(Tensor x, int axis, int size) {
        int[] dims = x.shape().dims();
        dims[axis] = size;
        return Shape.of(dims);
    }

    /** {@code {type: zero_pad2d, padding: [1, 1, 2, 2]}}. */
    @Extension
    public static final class Provider implements LayerProvider {

        @Override
        public String name() {
            return TYPE;
        }

        @Override
        public String description() {
            return "Zero padding around images, PyTorch's nn.ZeroPad2d: [channels, h, w] to [channels, h + top +"
                    + " bottom, w + left + right].";
        }

        @Override
        public List<OptionSpec> options() {
            return List.of(OptionSpec.required("padding", OptionType.INTEGERS,
                    "Zeros added: one number for every side, [vertical, horizontal], or [top, bottom, left, right]"
                            + " (note: PyTorch's ZeroPad2d orders a 4-tuple left, right, top, bottom)."));
        }

        @Override
        public Layer create(Options options, Shape inputShape, LayerContext context) {
            options.rejectUnknown(options());
            if (!options.has("padding")) {
                throw new OptionException(options.pathOf("padding"), "is required but missing");
            }
            if (options.raw("padding") instanceof String word) {
                throw new OptionException(options.pathOf("padding"), "expected whole numbers, got \"" + word + "\"");
            }
            int[] sides = WindowOptions.padding(options, 2, new int[] {1, 1}, new int[] {1, 1}, new int[] {1, 1});
            ZeroPad2dLayer layer = new ZeroPad2dLayer(options, context, sides);
            layer.outputShape(inputShape);
            return layer;
        }
    }
}
