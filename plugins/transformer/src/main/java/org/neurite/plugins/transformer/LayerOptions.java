package org.neurite.plugins.transformer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.neurite.api.OptionException;
import org.neurite.api.Options;

/** Reading and checking this plugin's layer options, and the options of the parts a layer builds. */
final class LayerOptions {

    private LayerOptions() {
    }

    /** @return options for a part, at the owner's path so errors point at the owner's keys */
    static Options at(Options owner, Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return Options.of(owner.path(), map);
    }

    /** @return the whole number at {@code key} (or its default), checked to be at least 1 */
    static int positive(Options options, String key, int defaultValue) {
        int value = options.has(key) ? options.getInt(key) : defaultValue;
        if (value < 1) {
            throw new OptionException(options.pathOf(key), "must be a positive whole number, got " + value);
        }
        return value;
    }

    /** @return the whole number at {@code key}, required, checked to be at least 1 */
    static int positive(Options options, String key) {
        if (!options.has(key)) {
            throw new OptionException(options.pathOf(key), "is required but missing");
        }
        return positive(options, key, 0);
    }

    /** @return the probability at {@code key} (or its default), checked to be in [0, 1) */
    static float probability(Options options, String key, double defaultValue) {
        double p = options.getDouble(key, defaultValue);
        if (!(p >= 0 && p < 1)) {
            throw new OptionException(options.pathOf(key), "must be in [0, 1), got " + p);
        }
        return (float) p;
    }

    /** @return the positive number at {@code key} (or its default) */
    static float positiveNumber(Options options, String key, double defaultValue) {
        double x = options.getDouble(key, defaultValue);
        if (!(x > 0 && Double.isFinite(x))) {
            throw new OptionException(options.pathOf(key), "must be a positive number, got " + x);
        }
        return (float) x;
    }

    /** @return the string at {@code key} (or its default), checked to be one of the choices */
    static String choice(Options options, String key, String defaultValue, List<String> choices) {
        String value = options.getString(key, defaultValue);
        if (!choices.contains(value)) {
            throw new OptionException(options.pathOf(key), "must be one of " + String.join(", ", choices)
                    + ", got '" + value + "'");
        }
        return value;
    }
}
