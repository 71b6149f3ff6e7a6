package org.neurite.launcher.config;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.neurite.api.OptionException;
import org.neurite.api.Options;

/**
 * A run config as read: a tree of plain values (maps with keys in file order, lists, numbers,
 * strings, booleans) and, for every key path such as {@code model.layers[2].units}, the line it
 * was written on, or the {@code --set} that replaced it. Problems found later are reported at
 * the place of the longest key path that has one.
 */
public final class ConfigDocument {

    private final String source;
    private final Path folder;
    private final Map<String, Object> root;
    private final Map<String, String> places = new HashMap<>();

    /**
     * @param source the file's name as shown in messages, such as {@code config.yaml}
     * @param folder the folder relative paths in the config are resolved against
     * @param root the top-level map; the document takes it over and may change it
     * @param lines the line of each key path
     */
    ConfigDocument(String source, Path folder, Map<String, Object> root, Map<String, Integer> lines) {
        this.source = source;
        this.folder = folder;
        this.root = root;
        lines.forEach((path, line) -> places.put(path, source + ":" + line));
    }

    /** @return the file's name as shown in messages */
    public String source() {
        return source;
    }

    /** @return the folder relative paths are resolved against: the config file's folder */
    public Path folder() {
        return folder;
    }

    /** @return the top-level map, which {@link Overrides} change in place */
    Map<String, Object> root() {
        return root;
    }

    /** @return the config as options at the root, for the checks */
    public Options options() {
        return Options.of(root);
    }

    /** @return a deep copy of the config's values, as plain maps and lists */
    public Map<String, Object> values() {
        @SuppressWarnings("unchecked")
        Map<String, Object> copy = (Map<String, Object>) copy(root);
        return copy;
    }

    /**
     * Records that a value was replaced from the command line: the path and everything below it
     * now point to the override.
     *
     * @param path the key path replaced
     * @param place how to name the override, such as {@code --set training.epochs=3}
     */
    void replaced(String path, String place) {
        places.keySet().removeIf(p -> p.startsWith(path + ".") || p.startsWith(path + "["));
        places.put(path, place);
    }

    /**
     * @param path a key path, such as {@code model.layers[2].units}
     * @return where it (or the closest enclosing key) was written, such as {@code config.yaml:14};
     *     the file name alone if nothing enclosing it has a line
     */
    public String locate(String path) {
        String p = path;
        while (!p.isEmpty()) {
            String place = places.get(p);
            if (place != null) {
                return place;
            }
            p = parent(p);
        }
        return source;
    }

    /**
     * @param e an option problem, whose message starts with its key path
     * @return the problem as a config error at the place of that path
     */
    public ConfigError error(OptionException e) {
        return new ConfigError(locate(e.path()), e.getMessage());
    }

    /**
     * @param path a key path
     * @param message the problem, starting with the key path
     * @return the problem as a config error at the place of that path
     */
    public ConfigError error(String path, String message) {
        return new ConfigError(locate(path), message);
    }

    /** Drops the last key or index: {@code a.b[2]} gives {@code a.b}, {@code a.b} gives {@code a}. */
    static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut < 0 ? "" : path.substring(0, cut);
    }

    /** @return a deep copy of plain maps, lists and values */
    static Object copy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), copy(v)));
            return out;
        }
        if (value instanceof java.util.List<?> list) {
            java.util.List<Object> out = new java.util.ArrayList<>(list.size());
            list.forEach(v -> out.add(copy(v)));
            return out;
        }
        return value;
    }
}
