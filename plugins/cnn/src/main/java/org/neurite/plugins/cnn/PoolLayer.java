package org.neurite.plugins.cnn;

import java.util.Arrays;
import java.util.List;

import org.neurite.api.BaseLayer;
import org.neurite.api.Layer;
import org.neurite.api.LayerContext;
import org.neurite.api.LayerDefinition;
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
 * 2-D max or average pooling over windows, PyTorch's {@code nn.MaxPool2d} and {@code nn.AvgPool2d}
 * (padded positions never win a maximum and count as zeros in an average). No parameters.
 *
 * <p>Shape: input {@code [channels, height, width]}; output {@code [channels, outH, outW]} with
 * {@code outH = (height + 2 * ph - kh) / sh + 1} and likewise {@code outW}.
 */
final class PoolLayer extends BaseLayer {

    private final int[] kernel;
    private final int[] stride;
    private final int[] padding;

    private PoolLayer(String type, Options options, LayerContext context, int[] kernel, int[] stride, int[] padding) {
        super(type, options, context);
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
    }

    @Override
    public Shape outputShape(Shape input) {
        if (input.rank() != 3) {
            throw new ShapeMismatchException("expects per-sample inputs [channels, height, width]");
        }
        int[] out = {input.dim(0), 0, 0};
        for (int a = 0; a < 2; a++) {
            int padded = input.dim(a + 1) + 2 * padding[a];
            if (kernel[a] > padded) {
                throw new ShapeMismatchException("kernel " + Arrays.toString(kernel) + " is larger than the input padded by "
                        + Arrays.toString(padding));
            }
            out[a + 1] = (padded - kernel[a]) / stride[a] + 1;
        }
        return Shape.of(out);
    }

    /** @return whether this is max pooling over 2x2 windows of stride 2 without padding */
    boolean isMaxPool2x2() {
        return type().equals("max_pool2d") && Arrays.equals(kernel, new int[] {2, 2})
                && Arrays.equals(stride, new int[] {2, 2}) && Arrays.equals(padding, new int[] {0, 0});
    }

    @Override
    public Tensor forward(Tensor input, Mode mode) {
        return type().equals("max_pool2d") ? input.backend().maxPool2d(input, kernel, stride, padding)
                : input.backend().avgPool2d(input, kernel, stride, padding);
    }

    /** {@code {type: max_pool2d, kernel: 2}}. */
    @Extension
    public static final class MaxProvider extends Provider implements LayerProvider {
        /** Creates the provider. */
        public MaxProvider() {
            super("max_pool2d", "2-D max pooling, PyTorch's nn.MaxPool2d: the largest value of each window.");
        }
    }

    /** {@code {type: avg_pool2d, kernel: 2}}. */
    @Extension
    public static final class AvgProvider extends Provider implements LayerProvider {
        /** Creates the provider. */
        public AvgProvider() {
            super("avg_pool2d", "2-D average pooling, PyTorch's nn.AvgPool2d: the mean of each window (padding counts"
                    + " as zeros).");
        }
    }

    /** The options both pools read. */
    abstract static class Provider extends LayerDefinition {

        private static final List<OptionSpec> OPTIONS = List.of(
                OptionSpec.required("kernel", OptionType.INTEGERS,
                        "Window size: a whole number for both axes or [vertical, horizontal], at least 1."),
                OptionSpec.optional("stride", OptionType.INTEGERS, null,
                        "Step between windows, as kernel; default the kernel (windows side by side)."),
                OptionSpec.optional("padding", OptionType.INTEGERS, 0,
                        "Padding on both sides of each axis, at most half the kernel: a whole number or"
                                + " [vertical, horizontal]."));

        Provider(String type, String description) {
            super(type, description, (options, inputShape, context) -> create(type, options, inputShape, context),
                    OPTIONS.toArray(OptionSpec[]::new));
        }

        private static Layer create(String type, Options options, Shape inputShape, LayerContext context) {
            options.rejectUnknown(OPTIONS);
            if (!options.has("kernel")) {
                throw new OptionException(options.pathOf("kernel"), "is required but missing");
            }
            int[] kernel = WindowOptions.perAxis(options, "kernel", 2, 1, 1);
            int[] stride = options.has("stride") ? WindowOptions.perAxis(options, "stride", 2, 1, 1) : kernel.clone();
            int[] padding = WindowOptions.perAxis(options, "padding", 2, 0, 0);
            if (2 * padding[0] > kernel[0] || 2 * padding[1] > kernel[1]) {
                throw new OptionException(options.pathOf("padding"), "must be at most half the kernel "
                        + Arrays.toString(kernel) + ", got " + Arrays.toString(padding));
            }
            PoolLayer layer = new PoolLayer(type, options, context, kernel, stride, padding);
            layer.outputShape(inputShape);
            return layer;
        }
    }
}
