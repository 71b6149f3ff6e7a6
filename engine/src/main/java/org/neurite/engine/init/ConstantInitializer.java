package org.neurite.engine.init;

import java.util.Arrays;
import java.util.random.RandomGenerator;

import org.neurite.api.Shape;
import org.neurite.engine.options.OptionChecks;

/** Sets every value to one constant: {@code zeros}, {@code ones} and {@code constant}. */
public final class ConstantInitializer extends AbstractInitializer {

    /** Every value 0: {@code zeros}, a normalization layer's default shift. */
    public static final ConstantInitializer ZEROS = new ConstantInitializer("zeros", 0);
    /** Every value 1: {@code ones}, a normalization layer's default scale. */
    public static final ConstantInitializer ONES = new ConstantInitializer("ones", 1);

    private final float value;

    /**
     * @param name the name it is registered under
     * @param value the value, finite
     */
    public ConstantInitializer(String name, double value) {
        super(name);
        this.value = (float) OptionChecks.finite("value", value);
    }

    /** @return the value */
    public float value() {
        return value;
    }

    @Override
    protected void fill(float[] values, Shape shape, RandomGenerator random) {
        Arrays.fill(values, value);
    }
}
