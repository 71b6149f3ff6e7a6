package org.neurite.engine.init;

import java.util.random.RandomGenerator;

import org.neurite.api.Shape;
import org.neurite.engine.options.OptionChecks;

/**
 * Kaiming (He) initialization, as {@code torch.nn.init.kaiming_uniform_} and
 * {@code kaiming_normal_}: zero mean and standard deviation {@code gain / sqrt(fan)}, where the
 * gain comes from the nonlinearity (with {@code a} the negative slope of leaky ReLU) and the fan
 * from the mode. With {@code a = sqrt(5)}, leaky ReLU and fan-in, the uniform form is PyTorch's
 * default for {@code nn.Linear} and {@code nn.Conv*} weights: bounds {@code ±1/sqrt(fan_in)}.
 */
public final class KaimingInitializer extends AbstractInitializer {

    private final Distribution distribution;
    private final double a;
    private final FanMode mode;
    private final Nonlinearity nonlinearity;

    /**
     * @param name the name it is registered under ({@code kaiming_uniform}, {@code he_normal}, ...)
     * @param distribution uniform or normal
     * @param a the negative slope of the leaky ReLU that follows, finite; used only with {@link Nonlinearity#LEAKY_RELU}
     * @param mode which fan to scale by
     * @param nonlinearity the activation that follows
     */
    public KaimingInitializer(String name, Distribution distribution, double a, FanMode mode, Nonlinearity nonlinearity) {
        super(name);
        this.distribution = distribution;
        this.a = OptionChecks.finite("a", a);
        this.mode = mode;
        this.nonlinearity = nonlinearity;
    }

    /** @return PyTorch's default for linear and convolution weights: kaiming_uniform with a = sqrt(5) */
    public static KaimingInitializer torchLayerDefault() {
        return new KaimingInitializer("kaiming_uniform", Distribution.UNIFORM, Math.sqrt(5), FanMode.FAN_IN,
                Nonlinearity.LEAKY_RELU);
    }

    /**
     * @param shape a parameter shape
     * @return the standard deviation of the values drawn for it
     */
    public double std(Shape shape) {
        return nonlinearity.gain(a) / Math.sqrt(mode.fan(shape));
    }

    @Override
    protected void fill(float[] values, Shape shape, RandomGenerator random) {
        distribution.fill(values, std(shape), random);
    }
}
