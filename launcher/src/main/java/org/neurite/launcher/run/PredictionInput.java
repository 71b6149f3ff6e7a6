package org.neurite.launcher.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.neurite.api.Shape;
import org.neurite.engine.data.source.IdxSource;
import org.neurite.engine.data.source.Utf8Text;
import org.neurite.engine.io.FileFormatException;
import org.neurite.engine.io.Json;
import org.neurite.launcher.config.ConfigException;

/**
 * Reads the inputs of {@code predict}: IDX images, CSV rows (every column a feature, an optional
 * header line) or JSON rows ({@code [[0, 1], [1, 1]]}, rows may nest, as images do), each row
 * holding as many values as the model's input. A model of several named inputs reads JSON rows
 * that are objects with one entry per input: {@code [{"tokens": [3, 1, 2], "mask": [1, 1, 0]}]}.
 */
public final class PredictionInput {

    /** The formats read. */
    public enum Format {
        /** An IDX file of samples, such as images. */
        IDX,
        /** Comma-separated rows. */
        CSV,
        /** A JSON array of rows. */
        JSON;

        /**
         * @param file an input file
         * @return its format by its name: {@code .json}, {@code .csv}, else IDX
         */
        public static Format of(Path file) {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            return name.endsWith(".json") ? JSON : name.endsWith(".csv") || name.endsWith(".txt") ? CSV : IDX;
        }
    }

    private PredictionInput() {
    }

    /**
     * Reads the rows of every input of a model.
     *
     * @param file the input file
     * @param format its format; JSON rows of objects for several inputs
     * @param inputs the model's per-sample input shapes, by name
     * @param scale for IDX, the divisor of the values, or {@code null} for the default
     * @return each input's values, row after row, by name
     * @throws IOException if the file cannot be read
     * @throws FileFormatException if it is malformed, naming the line, row or byte
     * @throws ConfigException if a row does not hold as many values as an input takes, or lacks one
     */
    public static Map<String, float[]> read(Path file, Format format, Map<String, Shape> inputs, Double scale)
            throws IOException {
        if (inputs.size() == 1) {
            Map.Entry<String, Shape> only = inputs.entrySet().iterator().next();
            return Map.of(only.getKey(), read(file, format, only.getValue(), scale));
        }
        if (format != Format.JSON) {
            throw new ConfigException(file.toString(), "the model takes several inputs (" + String.join(", ", inputs.keySet())
                    + "): give them as JSON rows of objects, such as [{\"" + inputs.keySet().iterator().next() + "\": [...], ...}]");
        }
        Object value = Json.read(file);
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            throw new FileFormatException(file.toString(), "top level", "expected an array of objects, one per row");
        }
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, Shape> input : inputs.entrySet()) {
            int length = input.getValue().intSize();
            float[] all = new float[list.size() * length];
            for (int i = 0; i < list.size(); i++) {
                String where = "row " + (i + 1);
                if (!(list.get(i) instanceof Map<?, ?> row)) {
                    throw new FileFormatException(file.toString(), where, "expected an object with the inputs "
                            + String.join(", ", inputs.keySet()));
                }
                if (!row.containsKey(input.getKey())) {
                    throw new ConfigException(file.toString(), where + " lacks the input '" + input.getKey() + "'");
                }
                List<Float> values = new ArrayList<>();
                flatten(row.get(input.getKey()), values, file, where + ", " + input.getKey());
                if (values.size() != length) {
                    throw new ConfigException(file.toString(), where + ": input '" + input.getKey() + "' has "
                            + values.size() + " values, but the model's input " + input.getValue() + " takes " + length);
                }
                for (int k = 0; k < length; k++) {
                    all[i * length + k] = values.get(k);
                }
            }
            out.put(input.getKey(), all);
        }
        return out;
    }

    /**
     * @param file the input file
     * @param format its format
     * @param input the model's per-sample input shape
     * @param scale for IDX, the divisor of the values, or {@code null} for the default
     * @return the samples' values, row after row
     * @throws IOException if the file cannot be read
     * @throws FileFormatException if it is malformed, naming the line or byte, or holds no samples
     * @throws ConfigException if a row does not hold as many values as the model's input
     */
    public static float[] read(Path file, Format format, Shape input, Double scale) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(file.toString(), "no such input file");
        }
        int length = input.intSize();
        List<float[]> rows = switch (format) {
            case IDX -> {
                org.neurite.api.SampleSet.Column images = IdxSource.images(file, scale).inputs().values().iterator().next();
                if (images.shape().size() != length) {
                    throw new ConfigException(file.toString(), "holds samples of shape " + images.shape() + " ("
                            + images.shape().size() + " values), but the model's input " + input + " takes "
                            + length);
                }
                yield List.of(images.values());
            }
            case CSV -> csv(file);
            case JSON -> json(file);
        };
        if (rows.isEmpty() || format == Format.IDX && rows.get(0).length == 0) {
            // nothing to predict is not a prediction of nothing: an empty table would look like success
            throw new FileFormatException(file.toString(), "holds no samples to predict" + (format == Format.CSV
                    ? " (a first line that is not numbers is taken for the column names)" : ""));
        }
        int total = 0;
        for (int i = 0; i < rows.size(); i++) {
            float[] row = rows.get(i);
            if (format != Format.IDX && row.length != length) {
                throw new ConfigException(file.toString(), "row " + (i + 1) + " has " + row.length
                        + " values, but the model's input " + input + " takes " + length);
            }
            total += row.length;
        }
        float[] all = new float[total];
        int at = 0;
        for (float[] row : rows) {
            System.arraycopy(row, 0, all, at, row.length);
            at += row.length;
        }
        return all;
    }

    private static List<float[]> csv(Path file) throws IOException {
        List<float[]> rows = new ArrayList<>();
        List<String> lines = Utf8Text.decode(Files.readAllBytes(file), file.toString()).lines().toList();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] fields = line.split(",", -1);
            float[] row = new float[fields.length];
            boolean header = rows.isEmpty() && n == firstLine(lines);
            try {
                for (int c = 0; c < fields.length; c++) {
                    row[c] = number(fields[c], file, n + 1, c + 1);
                }
            } catch (FileFormatException e) {
                if (header) {
                    continue; // a first line that is not numbers names the columns
                }
                throw e;
            }
            rows.add(row);
        }
        return rows;
    }

    private static int firstLine(List<String> lines) {
        for (int n = 0; n < lines.size(); n++) {
            if (!lines.get(n).isBlank()) {
                return n;
            }
        }
        return -1;
    }

    private static float number(String field, Path file, int line, int column) {
        String text = field.trim();
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            text = text.substring(1, text.length() - 1).trim();
        }
        try {
            if (!text.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
                throw new NumberFormatException();
            }
            float v = Float.parseFloat(text);
            if (Float.isInfinite(v)) {
                throw new FileFormatException(file.toString(), "line " + line + ", column " + column,
                        "expected a number within the float range (about ±3.4e38), found \"" + field.trim() + "\"");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new FileFormatException(file.toString(), "line " + line + ", column " + column,
                    "expected a number, found \"" + field.trim() + "\"");
        }
    }

    private static List<float[]> json(Path file) throws IOException {
        Object value = Json.read(file);
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            throw new FileFormatException(file.toString(), "top level", "expected an array of rows such as [[0, 1], [1, 1]]");
        }
        List<?> rows = list.get(0) instanceof Number ? List.of(list) : list;
        List<float[]> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            List<Float> values = new ArrayList<>();
            flatten(rows.get(i), values, file, "row " + (i + 1));
            float[] row = new float[values.size()];
            for (int k = 0; k < row.length; k++) {
                row[k] = values.get(k);
            }
            out.add(row);
        }
        return out;
    }

    private static void flatten(Object value, List<Float> into, Path file, String where) {
        if (value instanceof Number n) {
            if (!Float.isFinite(n.floatValue())) {
                throw new FileFormatException(file.toString(), where + ", value " + (into.size() + 1),
                        "expected a number within the float range (about ±3.4e38), found " + n);
            }
            into.add(n.floatValue());
        } else if (value instanceof List<?> list) {
            for (Object v : list) {
                flatten(v, into, file, where);
            }
        } else {
            throw new FileFormatException(file.toString(), where, "expected numbers, found " + value);
        }
    }
}
