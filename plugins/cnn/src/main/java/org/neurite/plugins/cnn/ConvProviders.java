package org.neurite.plugins.cnn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.neurite.api.Activation;
import org.neurite.api.Initializer;
import org.neurite.api.Layer;
import org.neurite.api.LayerContext;
import org.neurite.api.LayerDefinition;
import org.neurite.api.LayerProvider;
import org.neurite.api.OptionException;
import org.neurite.api.OptionSpec;
import org.neurite.api.OptionType;
import org.neurite.api.Options;
import org.neurite.api.PyTorchInit;
import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;
import org.pf4j.Extension;

/** The providers of {@code conv1d}, {@code conv2d} and {@code conv_transpose2d}, which read the same options. */
final class ConvProviders {

    private ConvProviders() {
    }

    /** {@code {type: conv2d, filters: 32, kernel: 3, padding: same, activation: relu}}. */
    @Extension
    public static final class Conv2d extends Base implements LayerProvider {
        /** Creates the provider. */
        public Conv2d() {
            super(ConvLayer.Kind.CONV2D, "2-D convolution, PyTorch's nn.Conv2d: input [in, h, w], weight [filters,"
                    + " in / groups, kh, kw], bias [filters]; groups = in makes it depthwise.");
        }
    }

    /** {@code {type: conv1d, filters: 16, kernel: 5, padding: same}}. */
    @Extension
    public static final class Conv1d extends Base implements LayerProvider {
        /** Creates the provider. */
        public Conv1d() {
            super(ConvLayer.Kind.CONV1D, "1-D convolution over the last axis, PyTorch's nn.Conv1d: input [in, length],"
                    + " weight [filters, in / groups, k], bias [filters].");
        }
    }

    /** {@code {type: conv_transpose2d, filters: 16, kernel: 2, stride: 2}}: doubles the height and width. */
    @Extension
    public static final class ConvTranspose2d extends Base implements LayerProvider {
        /** Creates the provider. */
        public ConvTranspose2d() {
            super(ConvLayer.Kind.CONV_TRANSPOSE2D, "2-D transposed convolution, PyTorch's nn.ConvTranspose2d (the"
                    + " adjoint of conv2d, enlarging the image): input [in, h, w], weight [in, filters / groups, kh,"
                    + " kw], bias [filters].");
        }
    }

    /** What the three providers share: options, checks and the creation of parameters. */
    abstract static class Base extends LayerDefinition {

        Base(ConvLayer.Kind kind, String description) {
            super(kind.type, description, (options, inputShape, context) -> create(kind, options, inputShape, context),
                    options(kind).toArray(OptionSpec[]::new));
        }

        /** The options of a convolution of this kind. */
        private static List<OptionSpec> options(ConvLayer.Kind kind) {
            String sides = kind.axes == 1 ? "[left, right]" : "[top, bottom, left, right]";
            String each = kind.axes == 1 ? "a whole number" : "a whole number for both axes or [vertical, horizontal]";
            List<OptionSpec> specs = new ArrayList<>(List.of(
                    OptionSpec.required("filters", OptionType.INTEGER, "Number of output channels, at least 1."),
                    OptionSpec.required("kernel", OptionType.INTEGERS, "Kernel size: " + each + ", at least 1."),
                    OptionSpec.optional("stride", OptionType.INTEGERS, 1, "Step between windows: " + each + "."),
                    padding(kind, kind.transposed()
                            ? "Padding removed from both sides of the output (that of the conv2d this one inverts): "
                                    + each + "."
                            : "Zero padding: " + each + " (both sides), " + sides + ", same (stride 1; output as"
                                    + " large as the input, an odd total padding puts the extra pixel after, as"
                                    + " PyTorch) or valid (none)."),
                    OptionSpec.optional("dilation", OptionType.INTEGERS, 1, "Spacing of the kernel's taps: " + each
                            + "; 1 for a dense kernel."),
                    OptionSpec.optional("groups", OptionType.INTEGER, 1, "Channel groups convolved separately; must"
                            + " divide the input channels and filters (groups = input channels: depthwise)."),
                    OptionSpec.optional("use_bias", OptionType.BOOLEAN, true, "Whether to add a bias per filter."),
                    OptionSpec.optional("activation", OptionType.COMPONENT, null,
                            "Activation applied to the output: a name such as relu, or {name: ..., <its options>};"
                                    + " none if absent."),
                    OptionSpec.optional("weight_init", OptionType.COMPONENT, null,
                            "Initializer of the weight: a name or {name: ..., <its options>}; default"
                                    + " U(-1/sqrt(fan_in), 1/sqrt(fan_in)), fan_in = in / groups * kernel area, as"
                                    + " PyTorch."),
                    OptionSpec.optional("bias_init", OptionType.COMPONENT, null,
                            "Initializer of the bias: a name or {name: ..., <its options>}; default as PyTorch,"
                                    + " U(-1/sqrt(fan_in), 1/sqrt(fan_in)) with the weight's fan_in.")));
            if (kind.transposed()) {
                specs.add(4, OptionSpec.optional("output_padding", OptionType.INTEGERS, 0, "Extra rows and columns"
                        + " at the bottom and right of the output, each smaller than the stride or the dilation: "
                        + each + "."));
            }
            return List.copyOf(specs);
        }

        /** Padding is numbers; a convolution also takes the words same and valid. */
        private static OptionSpec padding(ConvLayer.Kind kind, String description) {
            OptionSpec spec = OptionSpec.optional("padding", OptionType.INTEGERS, 0, description);
            return kind.transposed() ? spec : spec.oneOf("same", "valid");
        }

        private static Layer create(ConvLayer.Kind kind, Options options, Shape inputShape, LayerContext context) {
            options.rejectUnknown(options(kind));
            int axes = kind.axes;
            int filters = positive(options, "filters", options.getInt("filters"));
            if (!options.has("kernel")) {
                throw new OptionException(options.pathOf("kernel"), "is required but missing");
            }
            int[] kernel = WindowOptions.perAxis(options, "kernel", axes, 1, 1);
            int[] stride = WindowOptions.perAxis(options, "stride", axes, 1, 1);
            int[] dilation = WindowOptions.perAxis(options, "dilation", axes, 1, 1);
            int groups = positive(options, "groups", options.getInt("groups", 1));
            int[] outputPadding = new int[axes];
            int[] padding;
            if (kind.transposed()) {
                outputPadding = WindowOptions.perAxis(options, "output_padding", axes, 0, 0);
                for (int a = 0; a < axes; a++) {
                    if (outputPadding[a] >= Math.max(stride[a], dilation[a])) {
                        throw new OptionException(options.pathOf("output_padding"), "must be smaller than the stride "
                                + Arrays.toString(stride) + " or the dilation " + Arrays.toString(dilation)
                                + " of its axis, got " + Arrays.toString(outputPadding));
                    }
                }
                int[] p = WindowOptions.perAxis(options, "padding", axes, 0, 0);
                padding = new int[] {p[0], p[0], p[1], p[1]};
            } else {
                padding = WindowOptions.padding(options, axes, kernel, dilation, stride);
            }
            if (filters % groups != 0) {
                throw new OptionException(options.pathOf("groups"), "must divide filters " + filters + ", got "
                        + groups);
            }
            boolean useBias = options.getBoolean("use_bias", true);
            Activation activation = context.activation(options.getComponent("activation"));
            String layout = axes == 1 ? "[channels, length]" : "[channels, height, width]";
            if (inputShape.rank() != axes + 1) {
                throw new ShapeMismatchException("expects per-sample inputs " + layout);
            }
            int in = inputShape.dim(0);
            if (in % groups != 0) {
                throw new ShapeMismatchException("groups " + groups + " must divide the input's " + in + " channels");
            }
            ConvLayer.Geometry geo = new ConvLayer.Geometry(kernel, stride, padding, dilation, outputPadding, groups);
            ConvLayer.outputShape(kind, in, filters, geo, inputShape);

            int[] weightDims = new int[axes + 2];
            weightDims[0] = kind.transposed() ? in : filters;
            weightDims[1] = kind.transposed() ? filters / groups : in / groups;
            System.arraycopy(kernel, 0, weightDims, 2, axes);
            Shape weightShape = Shape.of(weightDims);
            Initializer fallback = PyTorchInit.LINEAR.initializer(Initializer.fanIn(weightShape));
            Initializer weightInit = context.initializer(options.getComponent("weight_init"), fallback);
            Initializer biasInit = context.initializer(options.getComponent("bias_init"), fallback);
            return new ConvLayer(kind, options, context, in, filters, geo, weightShape, weightInit,
                    useBias ? biasInit : null, activation);
        }

        private static int positive(Options options, String key, int value) {
            if (value < 1) {
                throw new OptionException(options.pathOf(key), "must be a positive whole number, got " + value);
            }
            return value;
        }
    }
}
