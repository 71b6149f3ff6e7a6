package com.example.neurite.mish;

import org.neurite.api.BaseLayer;
import org.neurite.api.LayerContext;
import org.neurite.api.LayerDefinition;
import org.neurite.api.LayerProvider;
import org.neurite.api.Mode;
import org.neurite.api.OptionSpec;
import org.neurite.api.OptionType;
import org.neurite.api.Options;
import org.neurite.api.Parameter;
import org.neurite.api.Shape;
import org.neurite.api.Tensor;
import org.pf4j.Extension;

/**
 * LayerScale (Touvron et al., 2021): multiplies each feature by a learned scale that starts
 * small, so a residual branch begins close to the identity.
 *
 * <p>Shape: input {@code [batch, ..., features]}; output the same; parameter {@code gamma [features]}.
 */
final class LayerScale extends BaseLayer {

    static final String TYPE = "layer_scale";

    private final Parameter gamma;

    LayerScale(Options options, Shape inputShape, LayerContext context) {
        super(TYPE, options, context);
        gamma = addConstant("gamma", Shape.of(inputShape.dim(-1)), options.getFloat("init_values"));
    }

    @Override
    public Shape outputShape(Shape inputShape) {
        return requireLastAxis(inputShape, gamma.shape().dim(0));
    }

    @Override
    public Tensor forward(Tensor input, Mode mode) {
        return input.mul(gamma.value());
    }

    /** Makes {@code {type: layer_scale, init_values: 1e-5}} available in run configs. */
    @Extension
    public static final class Provider extends LayerDefinition implements LayerProvider {
        public Provider() {
            super(TYPE, "Multiplies each feature (last axis) by a learned scale gamma, initially init_values.",
                    LayerScale::new, OptionSpec.optional("init_values", OptionType.NUMBER, 1e-5,
                            "Initial scale of each feature.").range(OptionSpec.Range.greaterThan(0)));
        }
    }
}
