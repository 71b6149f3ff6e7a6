package org.neurite.plugins.cnn;

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
 * Image resizing, PyTorch's {@code nn.Upsample}: to a fixed {@code size} or by a whole-number
 * {@code scale_factor} per axis, by nearest neighbour or bilinearly. No parameters.
 *
 * <p>Shape: input {@code [channels, height, width]}; output {@code [channels, size]} or
 * {@code [channels, height * sh, width * sw]}.
 */
final class UpsampleLayer extends BaseLayer {

    static final String TYPE = "upsample";

    private final int[] size;
    private final int[] scale;
    private final boolean bilinear;
    private final boolean alignCorners;

    private UpsampleLayer(Options options, LayerContext context, int[] size, int[] scale, boolean bilinear,
                          boolean alignCorners) {
        super(TYPE, options, context);
        this.size = size;
        this.scale = scale;
        this.bilinear = bilinear;
        this.alignCorners = alignCorners;
    }

    @Override
    public Shape outputShape(Shape input) {
        if (input.rank() != 3) {
            throw new ShapeMismatchException("expects per-sample inputs [channels, height, width]");
        }
        int[] out = target(input.dim(1), input.dim(2));
        return Shape.of(input.dim(0), out[0], out[1]);
    }

    private int[] target(int height, int width) {
        return size != null ? size : new int[] {height * scale[0], width * scale[1]};
    }

    @Override
    public Tensor forward(Tensor input, Mode mode) {
        int[] out = target(input.dim(2), input.dim(3));
        return bilinear ? input.backend().upsampleBilinear2d(input, out, alignCorners)
                : input.backend().upsampleNearest2d(input, out);
    }

    /** {@code {type: upsample, scale_factor: 2, mode: bilinear}}. */
    @Extension
    public static final class Provider implements LayerProvider {

        @Override
        public String name() {
            return TYPE;
        }

        @Override
        public String description() {
            return "Image resizing, PyTorch's nn.Upsample: to size or by a whole-number scale_factor, nearest or"
                    + " bilinear.";
        }

        @Override
        public List<OptionSpec> options() {
            return List.of(
                    OptionSpec.optional("scale_factor", OptionType.INTEGERS, null,
                            "Whole-number enlargement: one for both axes or [vertical, horizontal]; give this or"
                                    + " size."),
                    OptionSpec.optional("size", OptionType.INTEGERS, null,
                            "Output size: one for both axes or [height, width]; give this or scale_factor."),
                    OptionSpec.optional("mode", OptionType.STRING, "nearest", "nearest or bilinear."),
                    OptionSpec.optional("align_corners", OptionType.BOOLEAN, false,
                            "Bilinear only: whether corner pixels of input and output coincide (PyTorch's"
                                    + " align_corners); otherwise pixel centres are aligned."));
        }

        @Override
        public Layer create(Options options, Shape inputShape, LayerContext context) {
            options.rejectUnknown(options());
            if (options.has("size") == options.has("scale_factor")) {
                throw new OptionException(options.pathOf("scale_factor"), "give exactly one of scale_factor and"
                        + " size");
            }
            int[] size = options.has("size") ? WindowOptions.perAxis(options, "size", 2, 1, 1) : null;
            int[] scale = options.has("scale_factor") ? WindowOptions.perAxis(options, "scale_factor", 2, 1, 1) : null;
            String mode = options.getString("mode", "nearest");
            if (!mode.equals("nearest") && !mode.equals("bilinear")) {
                throw new OptionException(options.pathOf("mode"), "expected nearest or bilinear, got \"" + mode + "\"");
            }
            boolean align = options.getBoolean("align_corners", false);
            if (align && !mode.equals("bilinear")) {
                throw new OptionException(options.pathOf("align_corners"), "applies only with mode: bilinear");
            }
            UpsampleLayer layer = new UpsampleLayer(options, context, size, scale, mode.equals("bilinear"), align);
            layer.outputShape(inputShape);
            return layer;
        }
    }
}
