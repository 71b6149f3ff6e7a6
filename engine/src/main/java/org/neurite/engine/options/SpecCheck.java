package org.neurite.engine.options;

import java.util.ArrayList;
import java.util.List;

import org.neurite.api.ComponentRef;
import org.neurite.api.Names;
import org.neurite.api.OptionException;
import org.neurite.api.OptionSpec;
import org.neurite.api.Options;

/**
 * The host's check of a component's options against the {@link OptionSpec}s its provider
 * documents, run before the provider's {@code create}: unknown keys (with the closest documented
 * name), required keys that are missing, values of the wrong type, numbers outside the declared
 * range, strings outside the declared choices. Absent keys then take the default written in
 * their spec, here and nowhere else. Every problem is an {@link OptionException} at the option's
 * full key path.
 */
public final class SpecCheck {

    private SpecCheck() {
    }

    /**
     * @param options the options as configured
     * @param specs every option the component documents
     * @return the options with each absent key's documented default filled in
     * @throws OptionException for the first problem, in key order
     */
    public static Options checked(Options options, List<OptionSpec> specs) {
        List<OptionException> problems = problems(options, specs);
        if (!problems.isEmpty()) {
            throw problems.get(0);
        }
        Options filled = options;
        for (OptionSpec spec : specs) {
            if (!options.has(spec.name()) && spec.defaultValue() != null) {
                filled = filled.with(spec.name(), spec.defaultValue());
            }
        }
        return filled;
    }

    /**
     * @param options the options as configured
     * @param specs every option the component documents
     * @return every problem, unknown keys first, then the documented keys in order
     */
    public static List<OptionException> problems(Options options, List<OptionSpec> specs) {
        List<OptionException> problems = new ArrayList<>();
        List<String> known = specs.stream().filter(s -> !s.isOtherKeys()).map(OptionSpec::name).toList();
        boolean open = specs.stream().anyMatch(OptionSpec::isOtherKeys);
        for (String key : options.keys()) {
            if (!open && !known.contains(key)) {
                String hint = Names.closest(key, known);
                problems.add(new OptionException(options.pathOf(key), "unknown option"
                        + (hint == null ? "" : " (did you mean '" + hint + "'?)")
                        + "; known options: " + (known.isEmpty() ? "none" : String.join(", ", known))));
            }
        }
        for (OptionSpec spec : specs) {
            if (spec.isOtherKeys()) {
                continue;
            }
            if (!options.has(spec.name()) || options.raw(spec.name()) == null) {
                if (spec.required()) {
                    problems.add(new OptionException(options.pathOf(spec.name()), "is required but missing"));
                }
                continue;
            }
            try {
                check(options, spec);
            } catch (OptionException e) {
                problems.add(e);
            }
        }
        return problems;
    }

    /** Reads the value as its documented type (which throws the api's standard messages), then its range and choices. */
    private static void check(Options options, OptionSpec spec) {
        String key = spec.name();
        Object value = options.raw(key);
        switch (spec.type()) {
            case INTEGER -> inRange(options, key, spec, options.getInt(key));
            case NUMBER -> inRange(options, key, spec, options.getDouble(key));
            case BOOLEAN -> options.getBoolean(key, false);
            case STRING -> inChoices(options, spec, options.getString(key));
            case INTEGERS -> {
                if (value instanceof String word && !spec.choices().isEmpty()) {
                    // numbers or one of the words, such as a convolution's padding: 1, [1, 2] or same
                    inChoices(options, spec, word);
                } else if (value instanceof List<?> list) {
                    int[] all = options.getIntList(key);
                    if (list.isEmpty()) {
                        throw new OptionException(options.pathOf(key), "expected at least one whole number, got []");
                    }
                    for (int i = 0; i < all.length; i++) {
                        inRange(options, key + "[" + i + "]", spec, all[i]);
                    }
                } else {
                    inRange(options, key, spec, options.getInt(key));
                }
            }
            case NUMBERS -> numbers(options, key, options.pathOf(key), spec, value);
            case MAP -> options.getOptions(key);
            case MAP_LIST -> options.getOptionsList(key);
            case COMPONENT -> {
                ComponentRef ref = options.getComponent(key);
                if (!spec.choices().isEmpty()) {
                    inChoices(options, spec, ref.name());
                }
            }
            case STRINGS -> strings(options, key, spec, value);
            default -> throw new IllegalStateException("unhandled option type " + spec.type());
        }
    }

    /** One string or a list of them, each among the choices if there are any. */
    private static void strings(Options options, String key, OptionSpec spec, Object value) {
        boolean many = value instanceof List<?>;
        List<?> list = many ? (List<?>) value : List.of(value);
        for (int i = 0; i < list.size(); i++) {
            String item = many ? key + "[" + i + "]" : key;
            if (!(list.get(i) instanceof String word)) {
                throw new OptionException(options.pathOf(item), "expected a string" + (many ? "" : " or a list of"
                        + " strings") + ", got " + quoted(list.get(i)));
            }
            if (!spec.choices().isEmpty()) {
                OptionReader.checkChoice(options, item, word, spec.choices());
            }
        }
    }

    /** One number or (nested) lists of them, each in range. */
    private static void numbers(Options options, String key, String path, OptionSpec spec, Object value) {
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                numbers(options, key + "[" + i + "]", path + "[" + i + "]", spec, list.get(i));
            }
        } else if (value instanceof Number n) {
            inRange(options, key, spec, n.doubleValue());
        } else {
            throw new OptionException(path, (path.endsWith("]") ? "expected a number" : "expected a number or a list of"
                    + " numbers") + ", got " + quoted(value));
        }
    }

    private static void inRange(Options options, String key, OptionSpec spec, double value) {
        if (spec.range() != null && !spec.range().contains(value)) {
            String range = spec.range().toString();
            throw new OptionException(options.pathOf(key), "must be " + (range.startsWith("[") || range.startsWith("(")
                    ? "in " : "") + range + ", got " + plain(value));
        }
    }

    private static void inChoices(Options options, OptionSpec spec, String value) {
        if (!spec.choices().isEmpty()) {
            OptionReader.checkChoice(options, spec.name(), value, spec.choices());
        }
    }

    private static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static String quoted(Object value) {
        return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
    }
}
