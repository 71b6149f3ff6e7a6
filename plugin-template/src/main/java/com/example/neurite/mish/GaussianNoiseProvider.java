package com.example.neurite.mish;

import java.util.List;

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
import org.pf4j.Extension;

/** Makes {@code {type: gaussian_noise, stddev: 0.1}} available as a layer in run configs. */
@Extension
public final class GaussianNoiseProvider implements LayerProvider {

    @Override
    public String name() {
        return "gaussian_noise";
    }

    @Override
    public String description() {
        return "Adds zero-mean Gaussian noise to its input while training; identity in inference.";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(OptionSpec.optional("stddev", OptionType.NUMBER, 0.1, "Standard deviation of the noise.")
                .atLeast(0));
    }

    @Override
    public Layer create(Options options, Shape inputShape, LayerContext context) {
        float stddev = options.getFloat("stddev");
        return new BaseLayer(name(), options, context) {
            /** Shape: any input; output the same. No parameters. */
            @Override
            public Shape outputShape(Shape input) {
                return input;
            }

            @Override
            public Tensor forward(Tensor input, Mode mode) {
                if (mode != Mode.TRAINING || stddev == 0f) {
                    return input;
                }
                float[] noise = new float[input.shape().intSize()];
                for (int i = 0; i < noise.length; i++) {
                    noise[i] = (float) (context.random().nextGaussian() * stddev);
                }
                return input.add(input.backend().tensor(noise, input.shape()));
            }
        };
    }
}
