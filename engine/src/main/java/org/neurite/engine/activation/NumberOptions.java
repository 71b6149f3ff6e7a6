package org.neurite.engine.activation;

import org.neurite.api.OptionException;
import org.neurite.api.Options;

/**
 * Reads numeric options that must also lie in a range, so that providers reject values such
 * as {@code NaN} or a negative Huber delta with the option's full key path.
 */
public final class NumberOptions {

    private NumberOptions() {
    }

    /**
     * @param options the options
     * @param key an optional key
     * @param defaultValue the value when the key is absent
     * @return the value, as a float
     * @throws OptionException if the value is not a number or not a finite float32 value
     */
    public static float finiteFloat(Options options, String key, double defaultValue) {
        double v = options.getDouble(key, defaultValue);
        if (!(Math.abs(v) <= Float.MAX_VALUE)) {
            throw new OptionException(options.pathOf(key), "expected a finite number, got " + options.raw(key));
        }
        return (float) v;
    }

    /**
     * @param options the options
     * @param key an optional key
     * @param defaultValue the value when the key is absent
     * @return the value, as a float
     * @throws OptionException if the value is not a finite number greater than 0
     */
    public static float positiveFloat(Options options, String key, double defaultValue) {
        float v = finiteFloat(options, key, defaultValue);
        if (!(v > 0)) {
            throw new OptionException(options.pathOf(key), "expected a number > 0, got " + options.raw(key));
        }
        return v;
    }

    /**
     * @param options the options
     * @param key an optional key
     * @param defaultValue the value when the key is absent
     * @param min the smallest allowed value
     * @param max the largest allowed value
     * @return the value, as a float
     * @throws OptionException if the value is not a number in {@code [min, max]}
     */
    public static float floatBetween(Options options, String key, double defaultValue, double min, double max) {
        double v = options.getDouble(key, defaultValue);
        if (!(v >= min && v <= max)) {
            throw new OptionException(options.pathOf(key), "expected a number in [" + plain(min) + ", " + plain(max)
                    + "], got " + options.raw(key));
        }
        return (float) v;
    }

    /** {@code 1} rather than {@code 1.0} for whole bounds. */
    private static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
