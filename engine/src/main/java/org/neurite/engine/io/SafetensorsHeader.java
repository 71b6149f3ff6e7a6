package org.neurite.engine.io;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.neurite.api.Shape;

/** The parsed and checked header of a safetensors file (see {@link Safetensors}). */
record SafetensorsHeader(List<Entry> entries, Map<String, String> metadata) {

    /**
     * Where one tensor lies.
     *
     * @param name its name
     * @param dtype its element type
     * @param shape its shape
     * @param begin first byte of its data, relative to the end of the header
     * @param end one past its last byte
     */
    record Entry(String name, Dtype dtype, Shape shape, long begin, long end) {
    }

    /**
     * Parses the header JSON and checks every tensor against the data section.
     *
     * @param json the header text
     * @param source the file, for messages
     * @param dataLength the number of bytes after the header
     * @return the entries in header order and the metadata
     * @throws FileFormatException naming the file and the tensor on any problem
     */
    static SafetensorsHeader parse(String json, String source, long dataLength) {
        if (!json.startsWith("{")) {
            throw new FileFormatException(source, "header", "expected a JSON object starting with '{', found "
                    + (json.isEmpty() ? "an empty header" : "'" + json.charAt(0) + "'"));
        }
        Object parsed = Json.read(json, source + " header");
        if (!(parsed instanceof Map<?, ?> map)) {
            throw new FileFormatException(source, "header", "expected a JSON object");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String name = (String) e.getKey();
            if (name.equals(Safetensors.METADATA_KEY)) {
                metadata = metadata(e.getValue(), source);
            } else {
                entries.add(entry(name, e.getValue(), source));
            }
        }
        checkLayout(entries, source, dataLength);
        return new SafetensorsHeader(List.copyOf(entries), metadata);
    }

    private static Map<String, String> metadata(Object value, String source) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new FileFormatException(source, Safetensors.METADATA_KEY,
                    "expected an object of strings, found " + typeOf(value));
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getValue() instanceof String s)) {
                throw new FileFormatException(source, Safetensors.METADATA_KEY + "." + e.getKey(),
                        "expected a string, found " + typeOf(e.getValue()));
            }
            metadata.put((String) e.getKey(), s);
        }
        return metadata;
    }

    private static Entry entry(String name, Object value, String source) {
        String where = "tensor \"" + name + "\"";
        if (!(value instanceof Map<?, ?> info)) {
            throw new FileFormatException(source, where, "expected an object with dtype, shape and data_offsets, found "
                    + typeOf(value));
        }
        if (!(info.get("dtype") instanceof String dtypeName)) {
            throw new FileFormatException(source, where, "expected a string dtype, found " + typeOf(info.get("dtype")));
        }
        Dtype dtype = Dtype.named(dtypeName);
        if (dtype == null) {
            throw new FileFormatException(source, where, "dtype " + dtypeName + " is not supported (supported: "
                    + Arrays.toString(Dtype.values()).replaceAll("[\\[\\]]", "") + ")");
        }
        long[] dims = naturals(info.get("shape"), -1, source, where, "shape");
        long[] offsets = naturals(info.get("data_offsets"), 2, source, where, "data_offsets");
        long elements = 1;
        for (long d : dims) {
            if (d > Integer.MAX_VALUE || (d != 0 && elements > Integer.MAX_VALUE / d)) {
                throw new FileFormatException(source, where, "shape " + Arrays.toString(dims)
                        + " has more elements than one array holds");
            }
            elements *= d;
        }
        int[] intDims = Arrays.stream(dims).mapToInt(d -> (int) d).toArray();
        Shape shape = Shape.of(intDims);
        long begin = offsets[0];
        long end = offsets[1];
        if (end < begin) {
            throw new FileFormatException(source, where, "data_offsets " + Arrays.toString(offsets)
                    + " end before they begin");
        }
        long needed = elements * dtype.bytes();
        if (end - begin != needed) {
            throw new FileFormatException(source, where, "data_offsets " + Arrays.toString(offsets) + " span "
                    + (end - begin) + " bytes, but " + dtype + " shape " + shape + " needs " + needed);
        }
        return new Entry(name, dtype, shape, begin, end);
    }

    /** Reads a list of non-negative integers; {@code length} -1 allows any length. */
    private static long[] naturals(Object value, int length, String source, String where, String key) {
        if (!(value instanceof List<?> list) || (length >= 0 && list.size() != length)) {
            throw new FileFormatException(source, where, "expected " + key + " as "
                    + (length >= 0 ? "a list of " + length + " integers" : "a list of integers") + ", found " + typeOf(value));
        }
        long[] out = new long[list.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(list.get(i) instanceof Long l) || l < 0) {
                throw new FileFormatException(source, where, "expected " + key + " of non-negative integers, found "
                        + list);
            }
            out[i] = l;
        }
        return out;
    }

    /** Tensors must tile the data section exactly: from byte 0, back to back, to its end. */
    private static void checkLayout(List<Entry> entries, String source, long dataLength) {
        long expected = 0;
        Entry previous = null;
        List<Entry> byOffset = new ArrayList<>(entries);
        byOffset.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        for (Entry e : byOffset) {
            String where = "tensor \"" + e.name() + "\"";
            if (e.end() > dataLength) {
                throw new FileFormatException(source, where, "data_offsets [" + e.begin() + ", " + e.end()
                        + "] reach beyond the data section of " + dataLength + " bytes");
            }
            if (e.begin() < expected) {
                throw new FileFormatException(source, where, "data_offsets [" + e.begin() + ", " + e.end()
                        + "] overlap tensor \"" + previous.name() + "\" at [" + previous.begin() + ", "
                        + previous.end() + "]");
            }
            if (e.begin() > expected) {
                throw new FileFormatException(source, where, "data_offsets [" + e.begin() + ", " + e.end()
                        + "] leave bytes " + expected + " to " + e.begin() + " of the data unused");
            }
            expected = e.end();
            previous = e;
        }
        if (expected != dataLength) {
            throw new FileFormatException(source, "data", "the tensors cover " + expected
                    + " bytes, but the data section after the header has " + dataLength);
        }
    }

    private static String typeOf(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Map) {
            return "an object";
        }
        if (value instanceof List) {
            return "a list " + value;
        }
        if (value instanceof String s) {
            return "the string \"" + s + "\"";
        }
        return value.toString();
    }
}
