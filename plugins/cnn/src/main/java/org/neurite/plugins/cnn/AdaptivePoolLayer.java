package org.neurite.plugins.cnn;

import java.util.List;

import org.neurite.api.BaseLayer;
import org.neurite.api.Layer;
import org.neurite.api.LayerContext;
import org.neurite.api.LayerDefinition;
import org.neurite.api.LayerProvider;
import org.neurite.api.Mode;
import org.neurite.api.OptionSpec;
import org.neurite.api.OptionType;
import org.neurite.api.Options;
import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;
import org.neurite.api.Tensor;
import org.pf4j.Extension;

/**
 * Pooling to a fixed output size whatever the input's, PyTorch's {@code nn.AdaptiveAvgPool2d} and
 * {@code nn.AdaptiveMaxPool2d}; the global pools are the case {@code 1x1} with the two unit axes
 * dropped, so that a dense layer can follow directly. No parameters.
 *
 * <p>Shape: input {@code [channels, height, width]}; output {@code [channels, outH, outW]}
 * ({@code adaptive_*_pool2d}) or {@code [channels]} ({@code global_*_pool}).
 */
final class AdaptivePoolLayer extends BaseLayer {

    private final boolean max;
    private final int[] size;
    private final boolean global;

    private AdaptivePoolLayer(String type, Options options, LayerContext context, boolean max, int[] size, boolean global) {
        super(type, options, context);
        this.max = max;
        this.size = size;
        this.global = global;
    }

    @Override
    public Shape outputShape(Shape input) {
        if (input.rank() != 3) {
            throw new ShapeMismatchException("expects per-sample inputs [channels, height, width]");
        }
        return global ? Shape.of(input.dim(0)) : Shape.of(input.dim(0), size[0], size[1]);
    }

    @Override
    public Tensor forward(Tensor input, Mode mode) {
        Tensor y = max ? input.backend().adaptiveMaxPool2d(input, size) : input.backend().adaptiveAvgPool2d(input, size);
        return global ? y.reshape(input.dim(0), input.dim(1)) : y;
    }

    /** {@code {type: global_avg_pool}}: {@code [channels, h, w]} to {@code [channels]}, the mean of each channel. */
    @Extension
    public static final class GlobalAvgProvider extends Provider implements LayerProvider {
        /** Creates the provider. */
        public GlobalAvgProvider() {
            super("global_avg_pool", false, true, "Global average pooling: [channels, h, w] to [channels], the mean"
                    + " of each channel (PyTorch's AdaptiveAvgPool2d(1) then flatten).");
        }
    }

    /** {@code {type: global_max_pool}}: {@code [channels, h, w]} to {@code [channels]}, the maximum of each channel. */
    @Extension
    public static final class GlobalMaxProvider extends Provider implements LayerProvider {
        /** Creates the provider. */
        public GlobalMaxProvider() {
            super("global_max_pool", true, true, "Global max pooling: [channels, h, w] to [channels], the largest"
                    + " value of each channel (PyTorch's AdaptiveMaxPool2d(1) then flatten).");
        }
    }

    /** {@code {type: adaptive_avg_pool2d, output_size: [7, 7]}}. */
    @Extension
    public static final class AdaptiveAvgProvider extends Provider implements LayerProvider {
        /** Creates the provider. */
        public AdaptiveAvgProvider() {
            super("adaptive_avg_pool2d", false, false, "Adaptive average pooling, PyTorch's nn.AdaptiveAvgPool2d:"
                    + " [channels, h, w] to [channels, output_size], windows chosen to cover the input.");
        }
    }

    /** {@code {type: adaptive_max_pool2d, output_size: 4}}. */
    @Extension
    public static final class AdaptiveMaxProvider extends Provider implements LayerProvider {
        /** Creates the provider. */
        public AdaptiveMaxProvider() {
            super("adaptive_max_pool2d", true, false, "Adaptive max pooling, PyTorch's nn.AdaptiveMaxPool2d:"
                    + " [channels, h, w] to [channels, output_size], windows chosen to cover the input.");
        }
    }

    /** The options of the four pools: the adaptive ones take an output size, the global ones nothing. */
    abstract static class Provider extends LayerDefinition {

        private static final OptionSpec OUTPUT_SIZE = OptionSpec.required("output_size", OptionType.INTEGERS,
                "The output's size: a whole number for both axes or [height, width], at least 1.");

        Provider(String type, boolean max, boolean global, String description) {
            super(type, description, (options, inputShape, context) -> create(type, max, global, options, inputShape,
                    context), global ? new OptionSpec[0] : new OptionSpec[] {OUTPUT_SIZE});
        }

        private static Layer create(String type, boolean max, boolean global, Options options, Shape inputShape,
                LayerContext context) {
            options.rejectUnknown(global ? List.of() : List.of(OUTPUT_SIZE));
            int[] size = {1, 1};
            if (!global) {
                if (!options.has("output_size")) {
                    throw new org.neurite.api.OptionException(options.pathOf("output_size"), "is required but missing");
                }
                size = WindowOptions.perAxis(options, "output_size", 2, 1, 1);
            }
            AdaptivePoolLayer layer = new AdaptivePoolLayer(type, options, context, max, size, global);
            layer.outputShape(inputShape);
            return layer;
        }
    }
}
