package org.neurite.plugins.cnn;

import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

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
import org.neurite.api.ShapeMismatchException;
import org.neurite.api.Tensor;
import org.pf4j.Extension;

/**
 * Channel dropout, PyTorch's {@code nn.Dropout2d} (and {@code nn.Dropout1d} on {@code [channels,
 * length]}): in training, each channel of each sample is zeroed as a whole with probability
 * {@code rate} and the kept ones are scaled by {@code 1 / (1 - rate)}; in inference the input passes
 * unchanged. Neighbouring pixels of a feature map are strongly correlated, so dropping single pixels
 * regularises little; dropping whole maps does.
 *
 * <p>Shape: input {@code [channels, ...]} of rank 2 or more; output the same.
 */
final class Dropout2dLayer implements Layer {

    static final String TYPE = "dropout2d";

    private final Options options;
    private final float rate;
    private final RandomGenerator random;

    private Dropout2dLayer(Options options, float rate, RandomGenerator random) {
        this.options = options;
        this.rate = rate;
        this.random = random;
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
    public Shape outputShape(Shape input) {
        if (input.rank() < 2) {
            throw new ShapeMismatchException("expects per-sample inputs [channels, ...] of rank 2 or more");
        }
        return input;
    }

    @Override
    public Map<String, Parameter> parameters() {
        return Map.of();
    }

    @Override
    public Tensor forward(Tensor input, Mode mode) {
        if (mode == Mode.INFERENCE || rate == 0f) {
            return input;
        }
        int[] maskDims = new int[input.rank()];
        java.util.Arrays.fill(maskDims, 1);
        maskDims[0] = input.dim(0);
        maskDims[1] = input.dim(1);
        float[] mask = new float[maskDims[0] * maskDims[1]];
        float keep = 1f / (1f - rate);
        for (int i = 0; i < mask.length; i++) {
            mask[i] = random.nextDouble() < rate ? 0f : keep;
        }
        return input.mul(input.backend().tensor(mask, Shape.of(maskDims)));
    }

    /** {@code {type: dropout2d, rate: 0.25}}. */
    @Extension
    public static final class Provider implements LayerProvider {

        @Override
        public String name() {
            return TYPE;
        }

        @Override
        public String description() {
            return "Channel dropout, PyTorch's nn.Dropout2d: in training zeroes whole channels with probability rate"
                    + " and scales the rest by 1 / (1 - rate); identity in inference.";
        }

        @Override
        public List<OptionSpec> options() {
            return List.of(OptionSpec.optional("rate", OptionType.NUMBER, 0.5,
                    "Probability of zeroing a channel, in [0, 1)."));
        }

        @Override
        public Layer create(Options options, Shape inputShape, LayerContext context) {
            options.rejectUnknown(options());
            double rate = options.getDouble("rate", 0.5);
            if (!(rate >= 0 && rate < 1)) {
                throw new OptionException(options.pathOf("rate"), "must be in [0, 1), got " + rate);
            }
            Dropout2dLayer layer = new Dropout2dLayer(options, (float) rate,
                    context.trainingRandom());
            layer.outputShape(inputShape);
            return layer;
        }
    }
}
