package org.neurite.engine.data.source;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.neurite.engine.io.FileFormatException;
import org.neurite.engine.io.Json;

/**
 * Reads variable-length sequences, one per line, and checks every row: each step has
 * {@code features} values (one token id when {@code features} is 0), no sequence is empty, and
 * per-step labels are as many as the steps.
 *
 * <ul>
 *   <li>JSON lines: {@code {"steps": [3, 5, 7], "label": 1}}; feature steps are lists
 *       ({@code [[0.1, 0.2], [0.3, 0.4]]}); per-step labels a list as long as the steps, of
 *       numbers or (values per step) of equally long lists of numbers.</li>
 *   <li>CSV: {@code label,x1,x2,...}: the label, then the steps' values (one label per sequence).</li>
 * </ul>
 */
final class SequenceFile {

    private final Path file;
    private final int features;
    private final boolean perStep;

    /**
     * @param file the file
     * @param features values per step, or 0 for one token id per step
     * @param perStep whether each step has a label (else the sequence has one)
     */
    SequenceFile(Path file, int features, boolean perStep) {
        this.file = file;
        this.features = features;
        this.perStep = perStep;
    }

    /** @return whether the file is JSON lines (by its name), else CSV */
    static boolean isJsonLines(Path file) {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json");
    }

    List<Sequence> read() throws IOException {
        String[] lines = Utf8Text.read(file).split("\r?\n", -1);
        int last = lines.length;
        while (last > 0 && lines[last - 1].isBlank()) {
            last--;
        }
        List<Sequence> rows = new ArrayList<>(last);
        for (int i = 0; i < last; i++) {
            if (lines[i].isBlank()) {
                throw error(i + 1, "empty row; expected a sequence");
            }
            rows.add(isJsonLines(file) ? json(lines[i], i + 1) : csv(lines[i], i + 1));
        }
        return rows;
    }

    private Sequence csv(String text, int line) {
        String[] fields = text.split(",", -1);
        float label = number(fields[0].trim(), line, "field 1 (the label)");
        int width = Math.max(1, features);
        int values = fields.length - 1;
        if (values == 0) {
            throw error(line, "the sequence has no steps (only a label)");
        }
        if (values % width != 0) {
            throw error(line, values + " values do not make whole steps of " + width + " features");
        }
        float[] steps = new float[values];
        for (int v = 0; v < values; v++) {
            steps[v] = number(fields[v + 1].trim(), line, "field " + (v + 2));
        }
        return new Sequence(line, steps, values / width, new float[] {label});
    }

    private Sequence json(String text, int line) {
        Object parsed;
        try {
            parsed = Json.read(text, file.toString());
        } catch (FileFormatException e) {
            String problem = e.getMessage().substring(e.source().length() + e.location().length() + 4);
            throw new FileFormatException(file.toString(), e.location().replaceFirst("line 1", "line " + line), problem);
        }
        if (!(parsed instanceof Map<?, ?> row) || !(row.get("steps") instanceof List<?> steps)) {
            throw error(line, "expected an object with \"steps\" (a list) and \"label\"");
        }
        if (steps.isEmpty()) {
            throw error(line, "the sequence has no steps");
        }
        int width = Math.max(1, features);
        float[] values = new float[steps.size() * width];
        for (int s = 0; s < steps.size(); s++) {
            Object step = steps.get(s);
            if (features == 0) {
                values[s] = number(step, line, "step " + (s + 1));
                continue;
            }
            if (!(step instanceof List<?> v) || v.size() != features) {
                throw error(line, "step " + (s + 1) + " has " + (step instanceof List<?> v ? v.size() + " values"
                        : "no list of values") + ", expected " + features + " (features)");
            }
            for (int f = 0; f < features; f++) {
                values[s * width + f] = number(v.get(f), line, "step " + (s + 1));
            }
        }
        return new Sequence(line, values, steps.size(), labels(row.get("label"), steps.size(), line));
    }

    private float[] labels(Object label, int length, int line) {
        if (!perStep) {
            return new float[] {number(label, line, "\"label\"")};
        }
        if (!(label instanceof List<?> list) || list.size() != length) {
            throw error(line, "expected \"label\" to be a list of " + length + " labels, one per step, found "
                    + (label instanceof List<?> l ? l.size() : label));
        }
        if (!list.isEmpty() && list.get(0) instanceof List<?> first) {
            return valueLists(list, first.size(), line);
        }
        float[] out = new float[length];
        for (int s = 0; s < length; s++) {
            out[s] = number(list.get(s), line, "label " + (s + 1));
        }
        return out;
    }

    /** Per-step targets of several values each: a list of equally long lists of numbers. */
    private float[] valueLists(List<?> steps, int width, int line) {
        float[] out = new float[steps.size() * width];
        for (int s = 0; s < steps.size(); s++) {
            if (!(steps.get(s) instanceof List<?> values) || values.size() != width || width == 0) {
                throw error(line, "label " + (s + 1) + " has " + (steps.get(s) instanceof List<?> v ? v.size()
                        + " values" : "no list of values") + ", expected " + width + " as the first step has");
            }
            for (int f = 0; f < width; f++) {
                out[s * width + f] = number(values.get(f), line, "label " + (s + 1));
            }
        }
        return out;
    }

    private float number(Object value, int line, String what) {
        if (value instanceof Number n) {
            return n.floatValue();
        }
        if (value instanceof String s) {
            try {
                return Float.parseFloat(s);
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw error(line, what + " is not a number: " + (value instanceof String s ? "\"" + s + "\"" : value));
    }

    private FileFormatException error(int line, String problem) {
        return new FileFormatException(file.toString(), "line " + line, problem);
    }
}
