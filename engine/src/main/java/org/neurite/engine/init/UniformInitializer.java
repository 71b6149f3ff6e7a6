package org.neurite.engine.init;

import java.util.random.RandomGenerator;

import org.neurite.api.Initializer;
import org.neurite.api.OptionException;
import org.neurite.api.Shape;
import org.neurite.engine.options.OptionChecks;

/**
 * Draws values uniformly from {@code [low, high)}, either fixed bounds or, scaled by the fan-in,
 * {@code ±1/sqrt(fan_in)}. The scaled form is PyTorch's default for {@code nn.Linear} and
 * {@code nn.Conv*}: for the weight it equals {@code kaiming_uniform} with {@code a = sqrt(5)};
 * for the bias, whose own shape does not tell the layer's fan-in, use
 * {@link #fanInScaled(int)} with the weight's fan-in.
 */
public final class UniformInitializer extends AbstractInitializer {

    private final double low;
    private final double high;
    private final boolean fanInScaled;
    private final int fixedFanIn;

    private UniformInitializer(double low, double high, boolean fanInScaled, int fixedFanIn) {
        super("uniform");
        this.low = low;
        this.high = high;
        this.fanInScaled = fanInScaled;
        this.fixedFanIn = fixedFanIn;
    }

    /**
     * @param low the smallest value, finite
     * @param high the bound the values stay below, finite and not below {@code low}
     * @return an initializer with fixed bounds, as {@code torch.nn.init.uniform_}
     * @throws OptionException if the bounds are not finite or out of order
     */
    public static UniformInitializer between(double low, double high) {
        OptionChecks.finite("low", low);
        OptionChecks.finite("high", high);
        if (high < low) {
            throw new OptionException("high", "must not be below low (" + low + "), got " + high);
        }
        return new UniformInitializer(low, high, false, 0);
    }

    /** @return an initializer drawing from {@code ±1/sqrt(fanIn(shape))} */
    public static UniformInitializer fanInScaled() {
        return new UniformInitializer(0, 0, true, 0);
    }

    /**
     * @param fanIn the fan-in to scale by, whatever the shape initialized; a layer's bias uses
     *     its weight's fan-in, as PyTorch does
     * @return an initializer drawing from {@code ±1/sqrt(fanIn)}
     * @throws OptionException if the fan-in is not positive
     */
    public static UniformInitializer fanInScaled(int fanIn) {
        OptionChecks.atLeast("fan_in", fanIn, 1);
        return new UniformInitializer(0, 0, true, fanIn);
    }

    @Override
    protected void fill(float[] values, Shape shape, RandomGenerator random) {
        if (fanInScaled) {
            double bound = 1 / Math.sqrt(fixedFanIn > 0 ? fixedFanIn : Initializer.fanIn(shape));
            Distribution.uniform(values, -bound, bound, random);
        } else {
            Distribution.uniform(values, low, high, random);
        }
    }
}
