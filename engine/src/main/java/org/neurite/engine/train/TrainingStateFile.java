package org.neurite.engine.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.neurite.engine.io.FileFormatException;
import org.neurite.engine.io.Json;

/**
 * A {@link TrainingState} as a JSON file ({@code epoch-003.state.json}): the epochs and steps
 * done, every epoch's result, and whether the run had stopped early. Written atomically.
 */
public final class TrainingStateFile {

    private static final String FORMAT = "neurite-trainer-state";

    private TrainingStateFile() {
    }

    /**
     * @param file the file to write
     * @param state the state
     * @throws IOException if it cannot be written
     */
    public static void write(Path file, TrainingState state) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("format", FORMAT);
        json.put("format_version", 1);
        json.put("epoch", state.epoch());
        json.put("steps", state.steps());
        json.put("stopped", state.stopped());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (EpochResult r : state.history()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("epoch", r.epoch());
            row.put("loss", finite(r.loss()));
            row.put("accuracy", finite(r.accuracy()));
            row.put("val_loss", finite(r.validationLoss()));
            row.put("val_accuracy", finite(r.validationAccuracy()));
            row.put("seconds", r.seconds());
            row.put("lr", r.learningRate());
            rows.add(row);
        }
        json.put("history", rows);
        Json.write(file, json);
    }

    /**
     * @param file a state file
     * @return the state it holds
     * @throws IOException if it cannot be read
     * @throws FileFormatException if it is not a state file or is malformed, naming the key
     */
    public static TrainingState read(Path file) throws IOException {
        String source = file.toString();
        if (!(Json.read(file) instanceof Map<?, ?> json) || !FORMAT.equals(json.get("format"))) {
            throw new FileFormatException(source, "format", "expected a " + FORMAT + " file");
        }
        int epoch = (int) whole(json, "epoch", source);
        long steps = whole(json, "steps", source);
        if (!(json.get("history") instanceof List<?> rows) || rows.size() != epoch) {
            throw new FileFormatException(source, "history", "expected the results of " + epoch + " epochs");
        }
        List<EpochResult> history = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            String at = "history[" + i + "]";
            if (!(rows.get(i) instanceof Map<?, ?> row)) {
                throw new FileFormatException(source, at, "expected an object");
            }
            history.add(new EpochResult((int) whole(row, "epoch", source + " " + at), number(row, "loss"),
                    number(row, "accuracy"), number(row, "val_loss"), number(row, "val_accuracy"),
                    number(row, "seconds"), number(row, "lr")));
        }
        return new TrainingState(epoch, steps, history, Boolean.TRUE.equals(json.get("stopped")));
    }

    private static Double finite(double v) {
        return Double.isNaN(v) ? null : v;
    }

    private static long whole(Map<?, ?> json, String key, String source) {
        if (json.get(key) instanceof Number v && v.doubleValue() == Math.rint(v.doubleValue()) && v.longValue() >= 0) {
            return v.longValue();
        }
        throw new FileFormatException(source, key, "expected a whole number, found " + json.get(key));
    }

    private static double number(Map<?, ?> row, String key) {
        return row.get(key) instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
