package org.neurite.engine.init;

import java.util.random.RandomGenerator;

import org.neurite.api.Shape;
import org.neurite.engine.options.OptionChecks;

/** Draws values from a normal distribution, as {@code torch.nn.init.normal_}. */
public final class NormalInitializer extends AbstractInitializer {

    private final double mean;
    private final double std;

    /**
     * @param mean the mean, finite
     * @param std the standard deviation, >= 0
     */
    public NormalInitializer(double mean, double std) {
        super("normal");
        this.mean = OptionChecks.finite("mean", mean);
        this.std = OptionChecks.nonNegative("std", std);
    }

    @Override
    protected void fill(float[] values, Shape shape, RandomGenerator random) {
        Distribution.normal(values, mean, std, random);
    }
}
