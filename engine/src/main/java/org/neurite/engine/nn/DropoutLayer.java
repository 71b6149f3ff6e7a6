package org.neurite.engine.nn;

import java.util.List;
import java.util.random.RandomGenerator;

import org.neurite.api.BaseLayer;
import org.neurite.api.Layer;
import org.neurite.api.LayerContext;
import org.neurite.api.LayerProvider;
import org.neurite.api.Mode;
import org.neurite.api.OptionSpec;
import org.neurite.api.OptionType;
import org.neurite.api.Options;
import org.neurite.api.Shape;
import org.neurite.api.Tensor;
import org.neurite.engine.options.OptionReader;

/**
 * Inverted dropout: in training, zeroes each element with probability {@code rate} and scales
 * the rest by {@code 1 / (1 - rate)}; in inference, passes its input through.
 */
public final class DropoutLayer extends BaseLayer {

    /** The type name configs use. */
    public static final String TYPE = "dropout";

    private final float rate;
    private final RandomGenerator random;

    /**
     * @param rate the drop probability, in {@code [0, 1)}
     * @param random the source of the masks; the layer keeps drawing from it
     */
    public DropoutLayer(double rate, RandomGenerator random) {
        this(LayerOptions.of("rate", rate), rate, random);
    }

    private DropoutLayer(Options options, double rate, RandomGenerator random) {
        super(TYPE, options, null);
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("dropout: rate must be in [0, 1), got " + rate);
        }
        this.rate = (float) rate;
        this.random = random;
    }

    @Override
    public Shape outputShape(Shape inputShape) {
        return inputShape;
    }

    @Override
    public Tensor forward(Tensor input, Mode mode) {
        return input.backend().dropout(input, rate, mode, random);
    }

    /** Creates dropout layers from configs. */
    public static final class Provider implements LayerProvider {

        @Override
        public String name() {
            return TYPE;
        }

        @Override
        public String description() {
            return "Inverted dropout: in training zeroes elements with probability rate and scales the rest by"
                    + " 1/(1-rate); passes through in inference.";
        }

        @Override
        public List<OptionSpec> options() {
            return List.of(OptionSpec.optional("rate", OptionType.NUMBER, 0.5, "Drop probability, in [0, 1)."));
        }

        @Override
        public Layer create(Options options, Shape inputShape, LayerContext context) {
            double rate = OptionReader.of(options, options()).fraction("rate", false);
            // a training stream of its own: masks do not shift other layers' draws, and a resumed run draws the same
            return new DropoutLayer(options, rate, context.trainingRandom());
        }
    }
}
