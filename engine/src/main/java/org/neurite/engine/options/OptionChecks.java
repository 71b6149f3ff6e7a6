package org.neurite.engine.options;

import org.neurite.api.OptionException;

/**
 * Range checks for settings that can also be given from Java code (optimizers, schedules,
 * initializers), so the check sits with the setting rather than with the config reading. Each
 * failure is an {@link OptionException} whose path is the option's key, which
 * {@link OptionReader#build} extends to the full key path when the settings came from a config.
 */
public final class OptionChecks {

    private OptionChecks() {
    }

    /**
     * @param key the option's key
     * @param value its value
     * @return the value, if it is greater than zero
     * @throws OptionException otherwise (NaN included)
     */
    public static double positive(String key, double value) {
        if (!(value > 0) || value == Double.POSITIVE_INFINITY) {
            throw new OptionException(key, "must be a finite number > 0, got " + value);
        }
        return value;
    }

    /**
     * @param key the option's key
     * @param value its value
     * @return the value, if it is zero or greater
     * @throws OptionException otherwise (NaN included)
     */
    public static double nonNegative(String key, double value) {
        if (!(value >= 0) || value == Double.POSITIVE_INFINITY) {
            throw new OptionException(key, "must be a finite number >= 0, got " + value);
        }
        return value;
    }

    /**
     * @param key the option's key
     * @param value its value
     * @return the value, if it lies in {@code [0, 1)}, as a decay rate must
     * @throws OptionException otherwise
     */
    public static double fraction(String key, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new OptionException(key, "must be in [0, 1), got " + value);
        }
        return value;
    }

    /**
     * @param key the option's key
     * @param value its value
     * @return the value, if it lies in {@code [0, 1]}
     * @throws OptionException otherwise
     */
    public static double unitInterval(String key, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new OptionException(key, "must be in [0, 1], got " + value);
        }
        return value;
    }

    /**
     * @param key the option's key
     * @param value its value
     * @return the value, if it is finite
     * @throws OptionException otherwise
     */
    public static double finite(String key, double value) {
        if (!Double.isFinite(value)) {
            throw new OptionException(key, "must be a finite number, got " + value);
        }
        return value;
    }

    /**
     * @param key the option's key
     * @param value its value
     * @param minimum the smallest value allowed
     * @return the value, if it is at least the minimum
     * @throws OptionException otherwise
     */
    public static int atLeast(String key, int value, int minimum) {
        if (value < minimum) {
            throw new OptionException(key, "must be a whole number >= " + minimum + ", got " + value);
        }
        return value;
    }
}
