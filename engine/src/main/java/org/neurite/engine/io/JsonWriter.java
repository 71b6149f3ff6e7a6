package org.neurite.engine.io;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Writes values as JSON text for {@link Json}; keeps the path of the current value for error messages. */
final class JsonWriter {
    private final StringBuilder out = new StringBuilder();
    private final boolean pretty;

    private JsonWriter(boolean pretty) {
        this.pretty = pretty;
    }

    static String write(Object value, boolean pretty) {
        JsonWriter writer = new JsonWriter(pretty);
        writer.value(value, "$", 0);
        return writer.out.toString();
    }

    private void value(Object value, String path, int depth) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            string(s);
        } else if (value instanceof Character c) {
            string(c.toString());
        } else if (value instanceof Boolean b) {
            out.append(b.booleanValue());
        } else if (value instanceof Number n) {
            number(n, path);
        } else if (value instanceof Map<?, ?> map) {
            object(map, path, depth);
        } else if (value instanceof Iterable<?> iterable) {
            List<Object> items = new ArrayList<>();
            iterable.forEach(items::add);
            array(items, path, depth);
        } else if (value instanceof Object[] objects) {
            array(Arrays.asList(objects), path, depth);
        } else if (value instanceof float[] floats) {
            List<Object> items = new ArrayList<>(floats.length);
            for (float f : floats) {
                items.add(f);
            }
            array(items, path, depth);
        } else if (value instanceof double[] doubles) {
            array(Arrays.stream(doubles).boxed().toList(), path, depth);
        } else if (value instanceof int[] ints) {
            array(Arrays.stream(ints).boxed().toList(), path, depth);
        } else if (value instanceof long[] longs) {
            array(Arrays.stream(longs).boxed().toList(), path, depth);
        } else {
            throw new IllegalArgumentException("JSON cannot hold a " + value.getClass().getName() + " at " + path);
        }
    }

    private void number(Number n, String path) {
        if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("JSON cannot hold the number " + d + " at " + path);
            }
            // Float.toString keeps 0.1f as 0.1 rather than its double expansion.
            out.append(n instanceof Float f ? Float.toString(f) : Double.toString(d));
        } else {
            out.append(n.toString());
        }
    }

    private void object(Map<?, ?> map, String path, int depth) {
        if (map.isEmpty()) {
            out.append("{}");
            return;
        }
        out.append('{');
        Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<?, ?> e = it.next();
            if (!(e.getKey() instanceof String key)) {
                throw new IllegalArgumentException("JSON object keys must be strings, found "
                        + (e.getKey() == null ? "null" : e.getKey().getClass().getName()) + " at " + path);
            }
            newline(depth + 1);
            string(key);
            out.append(pretty ? ": " : ":");
            value(e.getValue(), path + "." + key, depth + 1);
            if (it.hasNext()) {
                out.append(',');
            }
        }
        newline(depth);
        out.append('}');
    }

    private void array(List<?> items, String path, int depth) {
        if (items.isEmpty()) {
            out.append("[]");
            return;
        }
        boolean inline = !pretty || items.stream().allMatch(JsonWriter::isScalar);
        out.append('[');
        for (int i = 0; i < items.size(); i++) {
            if (!inline) {
                newline(depth + 1);
            }
            value(items.get(i), path + "[" + i + "]", depth + 1);
            if (i < items.size() - 1) {
                out.append(pretty && inline ? ", " : ",");
            }
        }
        if (!inline) {
            newline(depth);
        }
        out.append(']');
    }

    private static boolean isScalar(Object o) {
        return o == null || o instanceof String || o instanceof Number
                || o instanceof Boolean || o instanceof Character;
    }

    private void newline(int depth) {
        if (pretty) {
            out.append('\n');
            out.append("  ".repeat(depth));
        }
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
