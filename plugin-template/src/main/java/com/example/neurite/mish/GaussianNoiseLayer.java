package com.example.neurite.mish;

import java.util.Map;
import java.util.random.RandomGenerator;

import org.neurite.api.Layer;
import org.neurite.api.Mode;
import org.neurite.api.Options;
import org.neurite.api.Parameter;
import org.neurite.api.Shape;
import org.neurite.api.Tensor;

/**
 * Adds zero-mean Gaussian noise to its input while training, a simple regulariser; passes the
 * input through unchanged in inference. It has no parameters.
 */
final class GaussianNoiseLayer implements Layer {

    private final Options options;
    private final float stddev;
    private final RandomGenerator random;

    GaussianNoiseLayer(Options options, float stddev, RandomGenerator random) {
        this.options = options;
        this.stddev = stddev;
        this.random = random;
    }

    @Override
    public String type() {
        return GaussianNoiseProvider.TYPE;
    }

    @Override
    public Options options() {
        return options;
    }

    @Override
    public Shape outputShape(Shape inputShape) {
        return inputShape;
    }

    @Override
    public Map<String, Parameter> parameters() {
        return Map.of();
    }

    @Override
    public Tensor forward(Tensor input, Mode mode) {
        if (mode != Mode.TRAINING || stddev == 0f) {
            return input;
        }
        float[] noise = new float[input.shape().intSize()];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (float) (random.nextGaussian() * stddev);
        }
        return input.add(input.backend().tensor(noise, input.shape()));
    }
}
