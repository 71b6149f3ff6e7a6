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
 * Layer normalisation over the last axis, PyTorch's {@code nn.LayerNorm(features)}: each vector
 * is shifted to mean 0 and scaled to variance 1 (biased), then, with the elementwise affine,
 * multiplied by {@code weight} (ones) and shifted by {@code bias} (zeros).
 */
public final class LayerNormLayer implements Layer {

    /** The type name configs use. */
    public static final String TYPE = "layer_norm";

    private final Options options;
    private final int features;
    private final float epsilon;
    private final Parameter weight;
    private final Parameter bias;

    /**
     * @param features the length of the last axis
     * @param epsilon added to the variance, positive
     * @param elementwiseAffine whether to learn a scale and shift
     */
    public LayerNormLayer(int features, double epsilon, boolean elementwiseAffine) {
        this(LayerOptions.of("epsilon", epsilon, "elementwise_affine", elementwiseAffine), CpuBackend.instance(),
                features, epsilon, elementwiseAffine);
    }

    private LayerNormLayer(Options options, Backend backend, int features, double epsilon, boolean affine) {
        if (features < 1 || !(epsilon > 0)) {
            throw new IllegalArgumentException("layer_norm: features and epsilon must be positive, got " + features
                    + " and " + epsilon);
        }
        this.options = options;
        this.features = features;
        this.epsilon = (float) epsilon;
        Shape shape = Shape.of(features);
        this.weight = affine ? backend.parameter(shape, ConstantInitializer.ONES, null) : null;
        this.bias = affine ? backend.parameter(shape, ConstantInitializer.ZEROS, null) : null;
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
        if (inputShape.rank() < 1 || inputShape.dim(-1) != features) {
            throw new InputShapeException(TYPE, "an input whose last axis is " + features, inputShape);
        }
        return inputShape;
    }

    @Override
    public Map<String, Parameter> parameters() {
        Map<String, Parameter> p = new LinkedHashMap<>();
        if (weight != null) {
            p.put("weight", weight);
            p.put("bias", bias);
        }
        return p;
    }

    @Override
    public Tensor forward(Tensor input, Mode mode) {
        return input.backend().layerNorm(input, Shape.of(features),
                weight == null ? null : weight.value(), bias == null ? null : bias.value(), epsilon);
    }

    /** Creates layer normalisation layers from configs. */
    public static final class Provider implements LayerProvider {

        @Override
        public String name() {
            return TYPE;
        }

        @Override
        public String description() {
            return "Layer normalisation over the last axis, with a learned scale (weight) and shift (bias).";
        }

        @Override
        public List<OptionSpec> options() {
            return List.of(
                    OptionSpec.optional("epsilon", OptionType.NUMBER, 1e-5, "Added to the variance, positive."),
                    OptionSpec.optional("elementwise_affine", OptionType.BOOLEAN, true,
                            "Whether to learn a per-feature scale and shift."));
        }

        @Override
        public Layer create(Options options, Shape inputShape, LayerContext context) {
            OptionReader in = OptionReader.of(options, options());
            double epsilon = in.positive("epsilon");
            boolean affine = in.flag("elementwise_affine");
            if (inputShape.rank() < 1 || inputShape.dim(-1) < 1) {
                throw new InputShapeException(TYPE, "an input with a non-empty last axis", inputShape);
            }
            return new LayerNormLayer(options, context.backend(), inputShape.dim(-1), epsilon, affine);
        }
    }
}
