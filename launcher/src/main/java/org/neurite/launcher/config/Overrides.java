package org.neurite.launcher.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies {@code --set key=value} overrides to a config: the key is a path of names and list
 * indices ({@code training.epochs}, {@code model.layers[1].units}), the value is read as YAML
 * ({@code 3}, {@code 0.01}, {@code relu}, {@code [64, 32]}, {@code {name: sgd, lr: 0.1}}).
 * Missing maps on the way are created; a list index must exist, or be the list's length to
 * append. Every replaced value is then reported at its {@code --set}.
 */
public final class Overrides {

    private static final Pattern SEGMENT = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)((?:\\[\\d+])*)");
    private static final Pattern INDEX = Pattern.compile("\\[(\\d+)]");

    private Overrides() {
    }

    /**
     * Applies overrides in order.
     *
     * @param document the config to change
     * @param assignments the {@code key=value} texts
     * @throws ConfigException naming every override that is malformed or does not fit the config
     */
    public static void apply(ConfigDocument document, List<String> assignments) {
        List<ConfigError> errors = new ArrayList<>();
        for (String assignment : assignments) {
            String place = "--set " + assignment;
            try {
                apply(document, assignment, place);
            } catch (ConfigException e) {
                errors.addAll(e.errors());
            }
        }
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
    }

    private static void apply(ConfigDocument document, String assignment, String place) {
        int eq = assignment.indexOf('=');
        if (eq <= 0) {
            throw new ConfigException(place, "expected key=value, such as training.epochs=5");
        }
        String key = assignment.substring(0, eq).trim();
        Object value = ConfigReader.readValue(assignment.substring(eq + 1), place);
        List<Object> steps = steps(key, place);
        Object container = document.root();
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < steps.size(); i++) {
            Object step = steps.get(i);
            boolean last = i == steps.size() - 1;
            Object next = last ? value : steps.get(i + 1);
            if (step instanceof String name) {
                if (!(container instanceof Map<?, ?>)) {
                    throw new ConfigException(place, path + " is not a map, so it has no key '" + name + "'");
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> map = (Map<String, Object>) container;
                path.append(path.length() == 0 ? "" : ".").append(name);
                if (last) {
                    map.put(name, value);
                } else if (map.get(name) == null) {
                    map.put(name, next instanceof Integer ? new ArrayList<>() : new LinkedHashMap<>());
                }
                container = map.get(name);
            } else {
                int index = (Integer) step;
                if (!(container instanceof List<?>)) {
                    throw new ConfigException(place, path + " is not a list, so it has no item [" + index + "]");
                }
                @SuppressWarnings("unchecked")
                List<Object> list = (List<Object>) container;
                if (index > list.size()) {
                    throw new ConfigException(place, path + " has " + list.size() + " items, so [" + index
                            + "] can neither replace one nor be appended");
                }
                path.append('[').append(index).append(']');
                if (index == list.size()) {
                    list.add(last ? value : new LinkedHashMap<>());
                } else if (last) {
                    list.set(index, value);
                }
                container = list.get(index);
            }
        }
        document.replaced(path.toString(), place);
    }

    /** Splits {@code a.b[2].c} into {@code "a", "b", 2, "c"}. */
    private static List<Object> steps(String key, String place) {
        List<Object> steps = new ArrayList<>();
        for (String part : key.split("\\.", -1)) {
            Matcher m = SEGMENT.matcher(part);
            if (!m.matches()) {
                throw new ConfigException(place, "'" + key + "' is not a key path such as training.epochs or"
                        + " model.layers[1].units");
            }
            steps.add(m.group(1));
            Matcher index = INDEX.matcher(m.group(2));
            while (index.find()) {
                steps.add(Integer.parseInt(index.group(1)));
            }
        }
        return steps;
    }
}
