package org.neurite.engine.nn;

import java.util.Arrays;
import java.util.random.RandomGenerator;

import org.neurite.api.Initializer;
import org.neurite.api.Shape;

/**
 * The default initial values of the core layers, as PyTorch's modules set them. They are
 * fixed by the layer rather than named in a config, since some (a dense bias) depend on
 * another parameter's fan-in.
 */
final class LayerInitializers {

    private LayerInitializers() {
    }

    /**
     * @param fanIn the number of inputs of each output unit
     * @return U(-1/sqrt(fanIn), 1/sqrt(fanIn)), PyTorch's {@code nn.Linear} weight (kaiming_uniform
     *     with a = sqrt(5)) and bias default
     */
    static Initializer fanInUniform(int fanIn) {
        double bound = 1.0 / Math.sqrt(fanIn);
        return new Initializer() {
            @Override
            public String name() {
                return "fan_in_uniform";
            }

            @Override
            public void initialize(float[] values, Shape shape, RandomGenerator random) {
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) random.nextDouble(-bound, bound);
                }
            }
        };
    }

    /** @return N(0, 1), PyTorch's {@code nn.Embedding} default */
    static Initializer standardNormal() {
        return new Initializer() {
            @Override
            public String name() {
                return "standard_normal";
            }

            @Override
            public void initialize(float[] values, Shape shape, RandomGenerator random) {
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) random.nextGaussian();
                }
            }
        };
    }

    /** @return every value equal to {@code value}, drawing nothing */
    static Initializer constant(float value) {
        return new Initializer() {
            @Override
            public String name() {
                return "constant";
            }

            @Override
            public void initialize(float[] values, Shape shape, RandomGenerator random) {
                Arrays.fill(values, value);
            }
        };
    }
}
