package org.neurite.launcher.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.neurite.api.Names;
import org.neurite.api.OptionException;
import org.neurite.api.OptionSpec;
import org.neurite.api.Options;

/**
 * Checks one section of a config against the options it documents, finding every problem
 * rather than the first: keys it does not know (with the closest known name), required keys
 * that are missing, and values of the wrong type. Keys that name a component ({@code loss:
 * cross_entropy} or {@code loss: {name: ..., ...}}) are left to the component's own check.
 */
final class SectionCheck {

    private SectionCheck() {
    }

    /**
     * @param section the section's options
     * @param specs what it documents
     * @param componentKeys keys whose value is a name or a map with a name, not type-checked here
     * @return the problems, in key order
     */
    static List<OptionException> problems(Options section, List<OptionSpec> specs, Set<String> componentKeys) {
        List<OptionException> problems = new ArrayList<>();
        List<String> known = specs.stream().map(OptionSpec::name).toList();
        for (String key : section.keys()) {
            if (!known.contains(key)) {
                String hint = Names.closest(key, known);
                problems.add(new OptionException(section.pathOf(key), "unknown option"
                        + (hint == null ? "" : " (did you mean '" + hint + "'?)")
                        + "; known options: " + String.join(", ", known)));
            }
        }
        for (OptionSpec spec : specs) {
            String key = spec.name();
            if (!section.has(key) || section.raw(key) == null) {
                if (spec.required()) {
                    problems.add(new OptionException(section.pathOf(key), "is required but missing"));
                }
                continue;
            }
            if (componentKeys.contains(key)) {
                continue;
            }
            try {
                checkType(section, spec);
            } catch (OptionException e) {
                problems.add(e);
            }
        }
        return problems;
    }

    /** Reads the value as its documented type, which throws the api's standard message if it is not. */
    private static void checkType(Options section, OptionSpec spec) {
        String key = spec.name();
        switch (spec.type()) {
            case INTEGER -> section.getInt(key);
            case NUMBER -> section.getDouble(key);
            case BOOLEAN -> section.getBoolean(key, false);
            case STRING -> section.getString(key);
            case INTEGERS -> {
                if (section.raw(key) instanceof List<?> list) {
                    section.getIntList(key);
                    if (list.isEmpty()) {
                        throw new OptionException(section.pathOf(key), "expected at least one whole number, got []");
                    }
                } else {
                    section.getInt(key);
                }
            }
            case NUMBERS -> {
                if (!(section.raw(key) instanceof List<?> list)) {
                    throw new OptionException(section.pathOf(key), "expected a list of numbers, got " + section.raw(key));
                }
                for (int i = 0; i < list.size(); i++) {
                    if (!(list.get(i) instanceof Number)) {
                        throw new OptionException(section.pathOf(key) + "[" + i + "]", "expected a number, got "
                                + quoted(list.get(i)));
                    }
                }
            }
            case MAP -> section.getOptions(key);
            case MAP_LIST -> section.getOptionsList(key);
            default -> throw new IllegalStateException("unhandled option type " + spec.type());
        }
    }

    private static String quoted(Object value) {
        return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
    }
}
