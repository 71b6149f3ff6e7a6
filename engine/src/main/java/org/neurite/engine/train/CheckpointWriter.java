package org.neurite.engine.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.neurite.engine.io.OptimizerStateFile;
import org.neurite.engine.io.WeightsFile;

/**
 * Saves checkpoints from which a {@link Trainer} continues a run exactly: every few epochs and
 * after the last, the model's parameters ({@code epoch-003.weights.safetensors}), the
 * optimizer's state ({@code epoch-003.optimizer.safetensors}) and the trainer's
 * {@link TrainingState} ({@code epoch-003.state.json}) in one folder. Each file is written
 * atomically and the state file last, so a checkpoint counts ({@link Checkpoint#latest}) only once
 * all three are complete.
 *
 * <p>With {@link #keepBest} it also saves the epoch that is best so far by a validation measure
 * and never deletes it; with {@link #keepLast} it deletes all but the latest few of the others.
 *
 * <pre>{@code
 * CheckpointWriter checkpoints = new CheckpointWriter(folder, 1);
 * Trainer trainer = Trainer.builder(model, loss, optimizer).epochs(20).listener(checkpoints).build();
 * TrainingState from = Checkpoint.latest(folder).map(c -> c.restore(model, optimizer))
 *         .orElse(TrainingState.start());
 * trainer.fit(train, validation, from);
 * }</pre>
 */
public final class CheckpointWriter implements TrainingListener {

    private final Path folder;
    private final int everyEpochs;
    private int keepLast;
    private java.util.function.IntSupplier best;
    private Runnable beforeSave = () -> { };
    private final List<EpochResult> history = new ArrayList<>();
    private int lastSaved;

    /**
     * @param folder where the checkpoints go; created if missing
     * @param everyEpochs save after every this many epochs, at least 1
     */
    public CheckpointWriter(Path folder, int everyEpochs) {
        if (everyEpochs < 1) {
            throw new IllegalArgumentException("checkpoints: the interval must be at least 1 epoch, got " + everyEpochs);
        }
        this.folder = folder;
        this.everyEpochs = everyEpochs;
    }

    /**
     * @param count keep only this many of the latest checkpoints (besides the best one); 0 keeps all
     * @return this writer
     */
    public CheckpointWriter keepLast(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("checkpoints: keep_last must be 0 (all) or more, got " + count);
        }
        this.keepLast = count;
        return this;
    }

    /**
     * @param monitor also save every epoch that is the best so far by this measure, and never
     *     delete the best one; {@code null} for no such checkpoint
     * @return this writer
     */
    public CheckpointWriter keepBest(Monitor monitor) {
        this.best = monitor == null ? null : () -> bestEpoch(history, monitor);
        return this;
    }

    /**
     * @param early also save every epoch this early stopping finds best so far (it must be told
     *     of each epoch before this writer), and never delete the best one
     * @return this writer
     */
    public CheckpointWriter keepBest(EarlyStopping early) {
        this.best = early::bestEpoch;
        return this;
    }

    /**
     * @param action runs before a checkpoint is written, so that what must never lag a checkpoint
     *     (such as a metrics file written lazily) is written first
     * @return this writer
     */
    public CheckpointWriter beforeSave(Runnable action) {
        this.beforeSave = action;
        return this;
    }

    /**
     * @param epoch an epoch, from 1
     * @return the weights file of that epoch's checkpoint
     */
    public Path weightsFile(int epoch) {
        return Checkpoint.weightsFile(folder, epoch);
    }

    /**
     * @param epoch an epoch, from 1
     * @return the optimizer state file of that epoch's checkpoint
     */
    public Path optimizerFile(int epoch) {
        return Checkpoint.optimizerFile(folder, epoch);
    }

    /**
     * @param epoch an epoch, from 1
     * @return the trainer's state file of that epoch's checkpoint
     */
    public Path stateFile(int epoch) {
        return Checkpoint.stateFile(folder, epoch);
    }

    /** @return the epoch of the last checkpoint written, or 0 if none was */
    public int lastSaved() {
        return lastSaved;
    }

    /**
     * @return the best epoch so far by the {@link #keepBest} measure, or 0 without one or before
     *     the first epoch
     */
    public int bestEpoch() {
        return best == null ? 0 : best.getAsInt();
    }

    /**
     * @param history epoch results
     * @param monitor the measure
     * @return the first epoch with the best value of the measure, or 0 if none measured it
     */
    public static int bestEpoch(List<EpochResult> history, Monitor monitor) {
        return history.stream().filter(r -> !Double.isNaN(monitor.value(r)))
                .min(Comparator.comparingDouble((EpochResult r) -> monitor.higherIsBetter()
                        ? -monitor.value(r) : monitor.value(r)).thenComparingInt(EpochResult::epoch))
                .map(EpochResult::epoch).orElse(0);
    }

    @Override
    public void onTrainingStart(Trainer trainer) {
        lastSaved = 0;
        history.clear();
    }

    @Override
    public void onResume(Trainer trainer, TrainingState from) {
        history.addAll(from.history());
        lastSaved = from.epoch();
    }

    @Override
    public void onEpochEnd(Trainer trainer, EpochResult result) {
        history.add(result);
        if (result.epoch() % everyEpochs == 0 || (best != null && best.getAsInt() == result.epoch())) {
            save(trainer, false);
        }
    }

    @Override
    public void onTrainingEnd(Trainer trainer, TrainingHistory done) {
        if (history.isEmpty()) {
            return;
        }
        // the state is rewritten even when the last epoch was saved already: it now knows how the run ended
        save(trainer, done.stoppedEarly());
    }

    private void save(Trainer trainer, boolean stopped) {
        int epoch = history.get(history.size() - 1).epoch();
        beforeSave.run();
        Path weights = weightsFile(epoch);
        Path optimizer = optimizerFile(epoch);
        Path state = stateFile(epoch);
        EpochResult last = history.get(history.size() - 1);
        if (lastSaved != epoch || !Files.isRegularFile(weights) || !Files.isRegularFile(optimizer)) {
            write(epoch, optimizer, () -> OptimizerStateFile.save(optimizer, trainer.optimizer()));
            write(epoch, weights, () -> WeightsFile.save(weights, trainer.model().parameters(), metadata(last)));
        }
        write(epoch, state, () -> TrainingStateFile.write(state, new TrainingState(epoch, trainer.steps(), history, stopped)));
        lastSaved = epoch;
        write(epoch, folder, this::prune);
    }

    /** Writing one file, for {@link #write}. */
    private interface FileWrite {
        void run() throws IOException;
    }

    private static void write(int epoch, Path file, FileWrite action) {
        try {
            action.run();
        } catch (IOException e) {
            throw new UncheckedIOException("checkpoint of epoch " + epoch + ": cannot write " + file + ": "
                    + e.getMessage(), e);
        }
    }

    /** Deletes the checkpoints beyond the latest {@code keepLast}, except the best; the state file first. */
    private void prune() throws IOException {
        if (keepLast == 0) {
            return;
        }
        TreeSet<Integer> epochs = new TreeSet<>(Comparator.reverseOrder());
        epochs.addAll(Checkpoint.savedEpochs(folder));
        int kept = 0;
        int bestEpoch = bestEpoch();
        for (int epoch : epochs) {
            if (kept < keepLast) {
                kept++;
            } else if (epoch != bestEpoch) {
                Files.deleteIfExists(stateFile(epoch));
                Files.deleteIfExists(weightsFile(epoch));
                Files.deleteIfExists(optimizerFile(epoch));
            }
        }
    }

    private static Map<String, String> metadata(EpochResult r) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("epoch", Integer.toString(r.epoch()));
        m.put("loss", Double.toString(r.loss()));
        if (r.hasValidation()) {
            m.put("val_loss", Double.toString(r.validationLoss()));
        }
        return m;
    }
}
