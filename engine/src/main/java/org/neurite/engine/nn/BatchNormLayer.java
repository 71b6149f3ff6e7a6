package org.neurite.engine.nn;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.neurite.api.Backend;
import org.neurite.api.Layer;
import org.neurite.api.LayerContext;
import org.neurite.api.LayerProvider;
import org.neurite.api.Mode;
import org.neurite.api.OptionSpec;
import org.neurite.api.OptionType;
import org.neurite.api.Options;
import org.neurite.api.Parameter;
import org.neurite.api.Shape;
import org.neurite.api.Tensor;
import org.neurite.engine.CpuBackend;
import org.neurite.engine.init.ConstantInitializer;
import org.neurite.engine.options.OptionReader;

/**
 * Batch normalisation over the first per-sample axis (features of {@code [features]}, channels
 * of {@code [channels, h, w]}), PyTorch's {@code nn.BatchNorm1d/2d}: parameters {@code weight}
 * (ones) and {@code bias} (zeros), and the saved buffers {@code running_mean} (zeros) and
 * {@code running_var} (ones), updated in training and used in inference.
 */
public final class BatchNormLayer implements Layer {

    /** The type name configs use. */
    public static final String TYPE = "batch_norm";

    private final Options options;
    private final int channels;
    private final float momentum;
    private final float epsilon;
    private final Parameter weight;
    private final Parameter bias;
    private final Parameter runningMean;
    private final Parameter runningVar;

    /**
     * @param channels the length of the first per-sample axis
     * @param momentum the weight of each batch's statistics in the running ones, in {@code [0, 1]}
     * @param epsilon added to the variance, positive
     */
    public BatchNormLayer(int channels, double momentum, double epsilon) {
        this(LayerOptions.of("momentum", momentum, "epsilon", epsilon), CpuBackend.instance(), channels, momentum,
                epsilon);
    }

    private BatchNormLayer(Options options, Backend backend, int channels, double momentum, double epsilon) {
        if (channels < 1 || !(momentum >= 0 && momentum <= 1) || !(epsilon > 0)) {
            throw new IllegalArgumentException("batch_norm: needs channels >= 1, momentum in [0, 1] and epsilon > 0,"
                    + " got " + channels + ", " + momentum + ", " + epsilon);
        }
        this.options = options;
        this.channels = channels;
        this.momentum = (float) momentum;
        this.epsilon = (float) epsilon;
        Shape shape = Shape.of(channels);
        this.weight = backend.parameter(shape, ConstantInitializer.ONES, null);
        this.bias = backend.parameter(shape, ConstantInitializer.ZEROS, null);
        this.runningMean = backend.buffer(shape, 0f);
        this.runningVar = backend.buffer(shape, 1f);
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
        if (inputShape.rank() < 1 || inputShape.dim(0) != channels) {
            throw new InputShapeException(TYPE, "an input whose first axis (features or channels) is " + channels,
                    inputShape);
        }
        return inputShape;
    }

    @Override
    public Map<String, Parameter> parameters() {
        Map<String, Parameter> p = new LinkedHashMap<>();
        p.put("weight", weight);
        p.put("bias", bias);
        p.put("running_mean", runningMean);
        p.put("running_var", runningVar);
        return p;
    }

    @Override
    public Tensor forward(Tensor input, Mode mode) {
        return input.backend().batchNorm(input, weight.value(), bias.value(), runningMean, runningVar,
                momentum, epsilon, mode);
    }

    /** Creates batch normalisation layers from configs. */
    public static final class Provider implements LayerProvider {

        @Override
        public String name() {
            return TYPE;
        }

        @Override
        public String description() {
            return "Batch normalisation over the first per-sample axis (features or channels), with running"
                    + " statistics saved with the model.";
        }

        @Override
        public List<OptionSpec> options() {
            return List.of(
                    OptionSpec.optional("momentum", OptionType.NUMBER, 0.1,
                            "Weight of each batch's statistics in the running ones, in [0, 1]."),
                    OptionSpec.optional("epsilon", OptionType.NUMBER, 1e-5, "Added to the variance, positive."));
        }

        @Override
        public Layer create(Options options, Shape inputShape, LayerContext context) {
            OptionReader in = OptionReader.of(options, options());
            double momentum = in.fraction("momentum", true);
            double epsilon = in.positive("epsilon");
            if (inputShape.rank() < 1 || inputShape.dim(0) < 1) {
                throw new InputShapeException(TYPE, "an input with a non-empty first axis of features or channels",
                        inputShape);
            }
            return new BatchNormLayer(options, context.backend(), inputShape.dim(0), momentum, epsilon);
        }
    }
}
