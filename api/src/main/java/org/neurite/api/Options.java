package org.neurite.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The options of one component, as read from a config: an immutable map from keys to plain
 * values ({@link Number}, {@link Boolean}, {@link String}, {@link List}, {@link Map}) with
 * typed getters. Each instance knows its key path in the config ({@code model.layers[2]}), so
 * that every {@link OptionException} names exactly where the problem is.
 */
public final class Options {

    private static final Options EMPTY = new Options("", Map.of());

    private final String path;
    private final Map<String, Object> values;

    private Options(String path, Map<String, ?> values) {
        this.path = path;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /**
     * @param values the options, by key
     * @return options at the root of a config
     */
    public static Options of(Map<String, ?> values) {
        return new Options("", values);
    }

    /**
     * @param path the key path of these options in their config, such as {@code model.layers[2]}
     * @param values the options, by key
     * @return the options
     */
    public static Options of(String path, Map<String, ?> values) {
        return new Options(path, values);
    }

    /** @return options without any key */
    public static Options empty() {
        return EMPTY;
    }

    /** @return the key path of these options, empty at the root */
    public String path() {
        return path;
    }

    /**
     * @param key a key of these options
     * @return the full key path of that key, such as {@code model.layers[2].units}
     */
    public String pathOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** @return whether the key is present */
    public boolean has(String key) {
        return values.containsKey(key);
    }

    /** @return the keys present, in their order */
    public Set<String> keys() {
        return values.keySet();
    }

    /** @return the value of the key as read, or {@code null} */
    public Object raw(String key) {
        return values.get(key);
    }

    /** @return the options as an unmodifiable map */
    public Map<String, Object> asMap() {
        return values;
    }

    /**
     * @param key the key to set
     * @param value its new value
     * @return a copy of these options with one key set
     */
    public Options with(String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(values);
        copy.put(key, value);
        return new Options(path, copy);
    }

    /**
     * @param key a required key
     * @return its value as a whole number
     * @throws OptionException if it is missing or not a whole number
     */
    public int getInt(String key) {
        return toInt(key, require(key));
    }

    /**
     * @param key an optional key
     * @param defaultValue the value when the key is absent
     * @return its value as a whole number
     * @throws OptionException if it is present but not a whole number
     */
    public int getInt(String key, int defaultValue) {
        return has(key) ? toInt(key, values.get(key)) : defaultValue;
    }

    /**
     * @param key a required key
     * @return its value as a number
     * @throws OptionException if it is missing or not a number
     */
    public double getDouble(String key) {
        return toDouble(key, require(key));
    }

    /**
     * @param key an optional key
     * @param defaultValue the value when the key is absent
     * @return its value as a number
     * @throws OptionException if it is present but not a number
     */
    public double getDouble(String key, double defaultValue) {
        return has(key) ? toDouble(key, values.get(key)) : defaultValue;
    }

    /**
     * @param key a required key, or one whose default the host filled in
     * @return its value as a float
     * @throws OptionException if it is missing, not a number, or beyond float range
     */
    public float getFloat(String key) {
        double v = getDouble(key);
        if (Double.isFinite(v) && Math.abs(v) > Float.MAX_VALUE) {
            throw new OptionException(pathOf(key), "expected a number within float range, got " + v);
        }
        return (float) v;
    }

    /**
     * @param key a required key, or one whose default the host filled in
     * @return its value as a boolean
     * @throws OptionException if it is missing or not {@code true} or {@code false}
     */
    public boolean getBoolean(String key) {
        Object v = require(key);
        if (v instanceof Boolean b) {
            return b;
        }
        throw wrongType(key, "true or false", v);
    }

    /**
     * @param key an optional key
     * @param defaultValue the value when the key is absent
     * @return its value as a boolean
     * @throws OptionException if it is present but not {@code true} or {@code false}
     */
    public boolean getBoolean(String key, boolean defaultValue) {
        if (!has(key)) {
            return defaultValue;
        }
        Object v = values.get(key);
        if (v instanceof Boolean b) {
            return b;
        }
        throw wrongType(key, "true or false", v);
    }

    /**
     * @param key a required key
     * @return its value as a string
     * @throws OptionException if it is missing or not a string
     */
    public String getString(String key) {
        return toStringValue(key, require(key));
    }

    /**
     * @param key an optional key
     * @param defaultValue the value when the key is absent
     * @return its value as a string
     * @throws OptionException if it is present but not a string
     */
    public String getString(String key, String defaultValue) {
        return has(key) ? toStringValue(key, values.get(key)) : defaultValue;
    }

    /**
     * Reads one whole number or a list of them, expanding a single number to {@code count}
     * copies: a kernel size {@code 3} becomes {@code {3, 3}}.
     *
     * @param key an optional key
     * @param count how many numbers are expected
     * @param defaultValue the value when the key is absent
     * @return exactly {@code count} whole numbers
     * @throws OptionException if the value is neither a whole number nor a list of {@code count} of them
     */
    public int[] getInts(String key, int count, int defaultValue) {
        if (!has(key)) {
            int[] d = new int[count];
            java.util.Arrays.fill(d, defaultValue);
            return d;
        }
        Object v = values.get(key);
        int[] out = new int[count];
        if (v instanceof List<?> list) {
            if (list.size() != count) {
                throw new OptionException(pathOf(key), "expected " + count + " whole numbers, got " + list.size()
                        + " (" + list + ")");
            }
            for (int i = 0; i < count; i++) {
                out[i] = toInt(key + "[" + i + "]", list.get(i));
            }
        } else {
            java.util.Arrays.fill(out, toInt(key, v));
        }
        return out;
    }

    /**
     * Reads a list of whole numbers of any length, such as hidden sizes {@code [256, 128]}.
     *
     * @param key a required key
     * @return the numbers
     * @throws OptionException if missing or not a list of whole numbers
     */
    public int[] getIntList(String key) {
        Object v = require(key);
        if (!(v instanceof List<?> list)) {
            throw wrongType(key, "a list of whole numbers", v);
        }
        int[] out = new int[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = toInt(key + "[" + i + "]", list.get(i));
        }
        return out;
    }

    /**
     * Reads a reference to another component (an option of type {@link OptionType#COMPONENT}).
     *
     * @param key an optional key holding a name or a map with a {@code name}
     * @return the reference, or {@code null} if the key is absent
     * @throws OptionException if the value is neither
     */
    public ComponentRef getComponent(String key) {
        return ComponentRef.read(this, key);
    }

    /**
     * @param key an optional key holding a map
     * @return the nested options, whose path continues this one's; empty if absent
     * @throws OptionException if the value is not a map
     */
    public Options getOptions(String key) {
        if (!has(key)) {
            return new Options(pathOf(key), Map.of());
        }
        return toOptions(pathOf(key), key, values.get(key));
    }

    /**
     * @param key a required key holding a list of maps
     * @return the nested options, with paths such as {@code layers[2]}
     * @throws OptionException if missing or not a list of maps
     */
    public List<Options> getOptionsList(String key) {
        Object v = require(key);
        if (!(v instanceof List<?> list)) {
            throw wrongType(key, "a list of maps", v);
        }
        List<Options> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            out.add(toOptions(pathOf(key) + "[" + i + "]", key + "[" + i + "]", list.get(i)));
        }
        return out;
    }

    /**
     * Rejects keys that none of the specs documents, naming the closest documented key.
     *
     * @param specs the documented options
     * @throws OptionException for the first unknown key
     */
    public void rejectUnknown(List<OptionSpec> specs) {
        List<String> known = specs.stream().map(OptionSpec::name).toList();
        for (String key : values.keySet()) {
            if (!known.contains(key)) {
                String hint = Names.closest(key, known);
                throw new OptionException(pathOf(key), "unknown option" + (hint == null ? "" : " (did you mean '" + hint + "'?)")
                        + "; known options: " + (known.isEmpty() ? "none" : String.join(", ", known)));
            }
        }
    }

    private Object require(String key) {
        Object v = values.get(key);
        if (v == null) {
            throw new OptionException(pathOf(key), "is required but missing");
        }
        return v;
    }

    private Options toOptions(String fullPath, String key, Object v) {
        if (!(v instanceof Map<?, ?> map)) {
            throw wrongType(key, "a map", v);
        }
        Map<String, Object> typed = new LinkedHashMap<>();
        map.forEach((k, val) -> typed.put(String.valueOf(k), val));
        return new Options(fullPath, typed);
    }

    private int toInt(String key, Object v) {
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            long l = ((Number) v).longValue();
            if (l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
                return (int) l;
            }
        } else if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                && Math.abs(n.doubleValue()) <= Integer.MAX_VALUE) {
            return (int) n.doubleValue();
        }
        throw wrongType(key, "a whole number", v);
    }

    private double toDouble(String key, Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw wrongType(key, "a number", v);
    }

    private String toStringValue(String key, Object v) {
        if (v instanceof String s) {
            return s;
        }
        throw wrongType(key, "a string", v);
    }

    private OptionException wrongType(String key, String expected, Object v) {
        String got = v instanceof String s ? "\"" + s + "\"" : String.valueOf(v);
        return new OptionException(pathOf(key), "expected " + expected + ", got " + got);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Options other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
