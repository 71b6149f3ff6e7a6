package org.neurite.engine.nn;

import org.neurite.api.OptionException;
import org.neurite.api.Options;

/** Reads numeric options and checks their range, naming the key path when one is out of range. */
final class OptionRanges {

    private OptionRanges() {
    }

    /** @return the required whole number under {@code key}, which must be at least 1 */
    static int positiveInt(Options options, String key) {
        int v = options.getInt(key);
        if (v < 1) {
            throw new OptionException(options.pathOf(key), "must be a positive whole number, got " + v);
        }
        return v;
    }

    /** @return the number under {@code key} (or the default), which must be greater than 0 */
    static double positive(Options options, String key, double defaultValue) {
        double v = options.getDouble(key, defaultValue);
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new OptionException(options.pathOf(key), "must be a positive number, got " + v);
        }
        return v;
    }

    /** @return the number under {@code key} (or the default), which must lie in {@code [0, 1)} or {@code [0, 1]} */
    static double fraction(Options options, String key, double defaultValue, boolean oneAllowed) {
        double v = options.getDouble(key, defaultValue);
        if (!(v >= 0) || (oneAllowed ? v > 1 : v >= 1)) {
            throw new OptionException(options.pathOf(key), "must be in [0, 1" + (oneAllowed ? "]" : ")") + ", got " + v);
        }
        return v;
    }
}
