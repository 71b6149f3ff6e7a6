package org.neurite.api;

import java.util.List;
import java.util.Objects;

/**
 * Documents one option a provider reads: its name, type, default, meaning, and optionally the
 * range of its numbers or the values a string may take. The host checks every configured
 * component against these before its provider's {@code create} runs: unknown keys (with the
 * closest name), missing required keys, types, ranges and choices; and it fills in each absent
 * key's default, so a provider reads its options without re-checking them or repeating defaults.
 *
 * <pre>{@code
 * OptionSpec.required("units", OptionType.INTEGER, "Number of outputs.").atLeast(1)
 * OptionSpec.optional("p", OptionType.NUMBER, 0.5, "Drop probability.").range(Range.closedOpen(0, 1))
 * OptionSpec.optional("mode", OptionType.STRING, "fan_in", "Which fan scales.").oneOf("fan_in", "fan_out")
 * }</pre>
 *
 * @param name the key, such as {@code units}
 * @param type the type of its value
 * @param defaultValue the value used when the key is absent; {@code null} when there is none
 * @param required whether the key must be given
 * @param description what the option means, in one sentence
 * @param range the allowed numbers (each element, for a list), or {@code null} for any
 * @param choices the allowed strings, or empty for any
 */
public record OptionSpec(String name, OptionType type, Object defaultValue, boolean required, String description,
                         Range range, List<String> choices) {

    /** The name of the {@link #otherKeys} spec. */
    public static final String OTHER_KEYS = "*";

    /**
     * Validates the components.
     *
     * @param name the key
     * @param type the type
     * @param defaultValue the default, or {@code null}
     * @param required whether the key must be given
     * @param description the meaning
     * @param range the allowed numbers, or {@code null}
     * @param choices the allowed strings, or empty
     */
    public OptionSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        choices = List.copyOf(choices);
        if (required && defaultValue != null) {
            throw new IllegalArgumentException("option " + name + " is required and so cannot have a default");
        }
    }

    /**
     * A spec without range or choices.
     *
     * @param name the key
     * @param type the type
     * @param defaultValue the default, or {@code null}
     * @param required whether the key must be given
     * @param description the meaning
     */
    public OptionSpec(String name, OptionType type, Object defaultValue, boolean required, String description) {
        this(name, type, defaultValue, required, description, null, List.of());
    }

    /**
     * @param name the key
     * @param type the type
     * @param description the meaning
     * @return a spec for an option that must be given
     */
    public static OptionSpec required(String name, OptionType type, String description) {
        return new OptionSpec(name, type, null, true, description);
    }

    /**
     * @param name the key
     * @param type the type
     * @param defaultValue the value used when the key is absent, or {@code null} for "none"
     * @param description the meaning
     * @return a spec for an option that may be left out
     */
    public static OptionSpec optional(String name, OptionType type, Object defaultValue, String description) {
        return new OptionSpec(name, type, defaultValue, false, description);
    }

    /**
     * A spec that lets keys no other spec documents through unchecked, for a component that
     * hands them on to another one (as the {@code activation} layer gives its extra keys to the
     * function it names, which checks them in turn).
     *
     * @param description where the other keys go
     * @return the spec, named {@link #OTHER_KEYS}
     */
    public static OptionSpec otherKeys(String description) {
        return new OptionSpec(OTHER_KEYS, OptionType.MAP, null, false, description);
    }

    /** @return whether this spec is {@link #otherKeys} */
    public boolean isOtherKeys() {
        return OTHER_KEYS.equals(name);
    }

    /**
     * @param allowed the numbers allowed
     * @return this spec, accepting only numbers in the range
     */
    public OptionSpec range(Range allowed) {
        return new OptionSpec(name, type, defaultValue, required, description, allowed, choices);
    }

    /**
     * @param min the smallest number allowed
     * @return this spec, accepting only numbers {@code >= min}
     */
    public OptionSpec atLeast(double min) {
        return range(Range.atLeast(min));
    }

    /**
     * @param values the strings allowed
     * @return this spec, accepting only those strings
     */
    public OptionSpec oneOf(String... values) {
        return new OptionSpec(name, type, defaultValue, required, description, range, List.of(values));
    }

    /**
     * An interval of allowed numbers; either bound may be infinite.
     *
     * @param min the lower bound
     * @param minIncluded whether the lower bound itself is allowed
     * @param max the upper bound
     * @param maxIncluded whether the upper bound itself is allowed
     */
    public record Range(double min, boolean minIncluded, double max, boolean maxIncluded) {

        /** @return {@code [min, ∞)} */
        public static Range atLeast(double min) {
            return new Range(min, true, Double.POSITIVE_INFINITY, false);
        }

        /** @return {@code (min, ∞)}, such as {@code greaterThan(0)} for a positive number */
        public static Range greaterThan(double min) {
            return new Range(min, false, Double.POSITIVE_INFINITY, false);
        }

        /** @return {@code [min, max]} */
        public static Range closed(double min, double max) {
            return new Range(min, true, max, true);
        }

        /** @return {@code [min, max)}, such as a probability that must stay below 1 */
        public static Range closedOpen(double min, double max) {
            return new Range(min, true, max, false);
        }

        /**
         * @param value a number
         * @return whether it lies in the range (NaN never does)
         */
        public boolean contains(double value) {
            return (minIncluded ? value >= min : value > min) && (maxIncluded ? value <= max : value < max);
        }

        /** @return the range as a person reads it: {@code >= 0}, {@code > 0}, {@code [0, 1)} */
        @Override
        public String toString() {
            if (max == Double.POSITIVE_INFINITY) {
                return (minIncluded ? ">= " : "> ") + plain(min);
            }
            if (min == Double.NEGATIVE_INFINITY) {
                return (maxIncluded ? "<= " : "< ") + plain(max);
            }
            return (minIncluded ? "[" : "(") + plain(min) + ", " + plain(max) + (maxIncluded ? "]" : ")");
        }

        private static String plain(double v) {
            return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
        }
    }
}
