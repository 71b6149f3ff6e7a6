package org.neurite.engine.init;

import java.util.random.RandomGenerator;

import org.neurite.api.Initializer;
import org.neurite.api.Shape;
import org.neurite.engine.options.OptionChecks;

/**
 * Xavier (Glorot) initialization, as {@code torch.nn.init.xavier_uniform_} and
 * {@code xavier_normal_}: zero mean and standard deviation
 * {@code gain * sqrt(2 / (fan_in + fan_out))}.
 */
public final class XavierInitializer extends AbstractInitializer {

    private final Distribution distribution;
    private final double gain;

    /**
     * @param distribution uniform ({@code xavier_uniform}) or normal ({@code xavier_normal})
     * @param gain the scaling factor, > 0
     */
    public XavierInitializer(Distribution distribution, double gain) {
        super(distribution == Distribution.UNIFORM ? "xavier_uniform" : "xavier_normal");
        this.distribution = distribution;
        this.gain = OptionChecks.positive("gain", gain);
    }

    /**
     * @param shape a parameter shape
     * @return the standard deviation of the values drawn for it
     */
    public double std(Shape shape) {
        return gain * Math.sqrt(2.0 / (Initializer.fanIn(shape) + Initializer.fanOut(shape)));
    }

    @Override
    protected void fill(float[] values, Shape shape, RandomGenerator random) {
        distribution.fill(values, std(shape), random);
    }
}
