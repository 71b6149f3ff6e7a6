package org.neurite.launcher.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.neurite.engine.io.FileFormatException;
import org.neurite.engine.io.Json;
import org.neurite.engine.train.CheckpointWriter;
import org.neurite.engine.train.EpochResult;
import org.neurite.engine.train.Trainer;
import org.neurite.engine.train.TrainingHistory;
import org.neurite.engine.train.TrainingListener;

/**
 * The checkpoints of a run: every few epochs and after the last, the engine's
 * {@link CheckpointWriter} saves the weights and the optimizer state, and then this writes the
 * trainer's state beside them ({@code epoch-003.state.json}: epochs and steps done, every
 * epoch's result, whether the run stopped early). The state file is written last, so a
 * checkpoint counts only once all three files are complete; {@code train --resume} continues
 * from the latest such checkpoint.
 */
public final class Checkpoints implements TrainingListener, EpochLoop.Resumable {

    private static final String FORMAT = "neurite-trainer-state";
    private static final Pattern STATE = Pattern.compile("epoch-(\\d+)\\.state\\.json");

    /**
     * A checkpoint found on disk.
     *
     * @param weights the weights file
     * @param optimizer the optimizer state file
     * @param state where the run stood
     * @param stopped whether the run had stopped early (early stopping, zero errors) there
     */
    public record Saved(Path weights, Path optimizer, EpochLoop.State state, boolean stopped) {
    }

    private final Path folder;
    private final CheckpointWriter writer;
    private final List<EpochResult> history = new ArrayList<>();
    private long steps;

    /**
     * @param folder the folder of the checkpoints
     * @param everyEpochs save after every this many epochs, at least 1
     */
    public Checkpoints(Path folder, int everyEpochs) {
        this.folder = folder;
        this.writer = new CheckpointWriter(folder, everyEpochs);
    }

    /**
     * @param epoch an epoch
     * @return the file of the trainer's state after it
     */
    static Path stateFile(Path folder, int epoch) {
        return folder.resolve(String.format(Locale.ROOT, "epoch-%03d.state.json", epoch));
    }

    @Override
    public void onTrainingStart(Trainer trainer) {
        writer.onTrainingStart(trainer);
    }

    @Override
    public void restore(Trainer trainer, List<EpochResult> past) {
        history.clear();
        history.addAll(past);
    }

    @Override
    public void onBatchEnd(Trainer trainer, int epoch, long step, double loss) {
        steps = step;
    }

    @Override
    public void onEpochEnd(Trainer trainer, EpochResult result) {
        history.add(result);
        writer.onEpochEnd(trainer, result);
        if (writer.lastSaved() == result.epoch()) {
            writeState(result.epoch(), false);
        }
    }

    @Override
    public void onTrainingEnd(Trainer trainer, TrainingHistory done) {
        if (done.epochs().isEmpty()) {
            return;
        }
        writer.onTrainingEnd(trainer, done);
        // rewritten even when the last epoch was saved already: it now knows how the run ended
        writeState(done.last().epoch(), done.stoppedEarly());
    }

    private void writeState(int epoch, boolean stopped) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("format", FORMAT);
        json.put("format_version", 1);
        json.put("epoch", epoch);
        json.put("steps", steps);
        json.put("stopped", stopped);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (EpochResult r : history) {
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
        Path file = stateFile(folder, epoch);
        try {
            Json.write(file, json);
        } catch (IOException e) {
            throw new UncheckedIOException("checkpoint of epoch " + epoch + ": cannot write " + file + ": "
                    + e.getMessage(), e);
        }
    }

    private static Double finite(double v) {
        return Double.isNaN(v) ? null : v;
    }

    /**
     * Finds the latest complete checkpoint: the highest epoch whose state, weights and optimizer
     * files all exist.
     *
     * @param folder the folder of the checkpoints
     * @return the checkpoint, or empty if there is none
     * @throws IOException if the folder or a state file cannot be read
     * @throws FileFormatException if the state file is malformed
     */
    public static Optional<Saved> latest(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return Optional.empty();
        }
        List<Integer> epochs = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            files.forEach(f -> {
                Matcher m = STATE.matcher(f.getFileName().toString());
                if (m.matches()) {
                    epochs.add(Integer.parseInt(m.group(1)));
                }
            });
        }
        epochs.sort(java.util.Comparator.reverseOrder());
        CheckpointWriter names = new CheckpointWriter(folder, 1);
        for (int epoch : epochs) {
            Path weights = names.weightsFile(epoch);
            Path optimizer = names.optimizerFile(epoch);
            if (Files.isRegularFile(weights) && Files.isRegularFile(optimizer)) {
                return Optional.of(readState(stateFile(folder, epoch), weights, optimizer));
            }
        }
        return Optional.empty();
    }

    private static Saved readState(Path file, Path weights, Path optimizer) throws IOException {
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
            if (!(rows.get(i) instanceof Map<?, ?> row)) {
                throw new FileFormatException(source, "history[" + i + "]", "expected an object");
            }
            String at = "history[" + i + "]";
            history.add(new EpochResult((int) whole(row, "epoch", source + " " + at), number(row, "loss"),
                    number(row, "accuracy"), number(row, "val_loss"), number(row, "val_accuracy"),
                    number(row, "seconds"), number(row, "lr")));
        }
        return new Saved(weights, optimizer, new EpochLoop.State(epoch, steps, history),
                Boolean.TRUE.equals(json.get("stopped")));
    }

    private static long whole(Map<?, ?> json, String key, String source) {
        if (json.get(key) instanceof Long v && v >= 0) {
            return v;
        }
        throw new FileFormatException(source, key, "expected a whole number, found " + json.get(key));
    }

    private static double number(Map<?, ?> row, String key) {
        return row.get(key) instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
