package org.neurite.engine.options;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.neurite.api.Names;
import org.neurite.api.OptionException;
import org.neurite.api.OptionSpec;
import org.neurite.api.Options;

/**
 * Reads a component's options against the specs its provider documents: unknown keys are
 * rejected up front, absent keys take the default written in their spec (so every default is
 * written once, where it is documented), and range errors, whether found while reading or
 * raised by {@link OptionChecks} while building the component, are reported at the option's
 * full key path. Activations, losses, layers, optimizers, schedules and initializers all read
 * their options through it.
 */
public final class OptionReader {

    private final Options options;
    private final Map<String, OptionSpec> specs = new LinkedHashMap<>();

    private OptionReader(Options options, List<OptionSpec> specs) {
        this.options = options;
        specs.forEach(s -> this.specs.put(s.name(), s));
    }

    /**
     * @param options the options as configured
     * @param specs every option the component documents
     * @return a reader over the options
     * @throws OptionException if a key is not documented
     */
    public static OptionReader of(Options options, List<OptionSpec> specs) {
        options.rejectUnknown(specs);
        return new OptionReader(options, specs);
    }

    /** @return the options read */
    public Options options() {
        return options;
    }

    /**
     * @param key a documented number option
     * @return its value, or its documented default
     * @throws OptionException if it is required and missing, or not a number
     */
    public double number(String key) {
        OptionSpec spec = spec(key);
        return spec.defaultValue() == null ? options.getDouble(key)
                : options.getDouble(key, ((Number) spec.defaultValue()).doubleValue());
    }

    /**
     * @param key a documented whole-number option
     * @return its value, or its documented default
     * @throws OptionException if it is required and missing, or not a whole number
     */
    public int integer(String key) {
        OptionSpec spec = spec(key);
        return spec.defaultValue() == null ? options.getInt(key)
                : options.getInt(key, ((Number) spec.defaultValue()).intValue());
    }

    /**
     * @param key a documented boolean option
     * @return its value, or its documented default
     * @throws OptionException if it is not {@code true} or {@code false}
     */
    public boolean flag(String key) {
        return options.getBoolean(key, Boolean.TRUE.equals(spec(key).defaultValue()));
    }

    /**
     * @param key a documented string option
     * @param allowed the values it may take
     * @return its value, or its documented default
     * @throws OptionException if it is missing, not a string or not one of the allowed values
     */
    public String choice(String key, List<String> allowed) {
        OptionSpec spec = spec(key);
        String value = spec.defaultValue() == null ? options.getString(key)
                : options.getString(key, (String) spec.defaultValue());
        return checkChoice(options, key, value, allowed);
    }

    /**
     * @param key a documented number option
     * @return its value as a float
     * @throws OptionException if it is not a number or not a finite float32 value
     */
    public float finiteFloat(String key) {
        double v = number(key);
        if (!(Math.abs(v) <= Float.MAX_VALUE)) {
            throw new OptionException(options.pathOf(key), "expected a finite number, got " + options.raw(key));
        }
        return (float) v;
    }

    /**
     * @param key a documented number option
     * @return its value as a float
     * @throws OptionException if it is not a finite number greater than 0
     */
    public float positiveFloat(String key) {
        float v = finiteFloat(key);
        if (!(v > 0)) {
            throw new OptionException(options.pathOf(key), "expected a number > 0, got " + options.raw(key));
        }
        return v;
    }

    /**
     * @param key a documented number option
     * @param min the smallest allowed value
     * @param max the largest allowed value
     * @return its value as a float
     * @throws OptionException if it is not a number in {@code [min, max]}
     */
    public float floatBetween(String key, double min, double max) {
        double v = number(key);
        if (!(v >= min && v <= max)) {
            throw new OptionException(options.pathOf(key), "expected a number in [" + plain(min) + ", " + plain(max)
                    + "], got " + options.raw(key));
        }
        return (float) v;
    }

    /**
     * @param key a documented whole-number option, such as a layer's size
     * @return its value, at least 1
     * @throws OptionException if it is missing (without a default), not a whole number or below 1
     */
    public int positiveInt(String key) {
        int v = integer(key);
        if (v < 1) {
            throw new OptionException(options.pathOf(key), "must be a positive whole number, got " + v);
        }
        return v;
    }

    /**
     * @param key a documented number option
     * @return its value, a finite number greater than 0
     * @throws OptionException if it is not a number, not finite or not greater than 0
     */
    public double positive(String key) {
        double v = number(key);
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new OptionException(options.pathOf(key), "must be a positive number, got " + v);
        }
        return v;
    }

    /**
     * @param key a documented number option
     * @param oneAllowed whether 1 is allowed: {@code [0, 1]} rather than {@code [0, 1)}
     * @return its value
     * @throws OptionException if it is not a number in the range
     */
    public double fraction(String key, boolean oneAllowed) {
        double v = number(key);
        return build(() -> oneAllowed ? OptionChecks.unitInterval(key, v) : OptionChecks.fraction(key, v));
    }

    /** {@code 1} rather than {@code 1.0} for whole bounds. */
    private static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /**
     * @param options the options holding the value
     * @param key the value's key
     * @param value the value read
     * @param allowed the values it may take
     * @return the value, if allowed
     * @throws OptionException naming the key path and the closest allowed value, otherwise
     */
    public static String checkChoice(Options options, String key, String value, List<String> allowed) {
        if (!allowed.contains(value)) {
            String hint = Names.closest(value, allowed);
            throw new OptionException(options.pathOf(key), "unknown value \"" + value + "\""
                    + (hint == null ? "" : " (did you mean '" + hint + "'?)")
                    + "; expected one of " + String.join(", ", allowed));
        }
        return value;
    }

    /**
     * Builds a component whose settings check their own ranges with {@link OptionChecks},
     * reporting a failed check at the option's full key path.
     *
     * @param construct builds the component from values read through this reader
     * @param <T> the component's type
     * @return the component
     * @throws OptionException naming the full key path of an option out of range
     */
    public <T> T build(Supplier<T> construct) {
        try {
            return construct.get();
        } catch (OptionException e) {
            if (options.path().isEmpty() || !specs.containsKey(e.path())) {
                throw e;
            }
            String problem = e.getMessage().substring(e.path().length() + 2);
            throw new OptionException(options.pathOf(e.path()), problem);
        }
    }

    private OptionSpec spec(String key) {
        OptionSpec spec = specs.get(key);
        if (spec == null) {
            throw new IllegalStateException("option '" + key + "' is read but not documented; documented: "
                    + String.join(", ", specs.keySet()));
        }
        return spec;
    }
}
