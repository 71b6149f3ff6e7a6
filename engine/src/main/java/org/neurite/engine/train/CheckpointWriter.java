package org.neurite.engine.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.neurite.engine.io.OptimizerStateFile;
import org.neurite.engine.io.WeightsFile;

/**
 * Saves a checkpoint every few epochs, and after the last epoch, so that training can resume
 * exactly: the model's parameters to {@code epoch-003.weights.safetensors} and the optimizer's
 * state to {@code epoch-003.optimizer.safetensors} in one folder. Each file is written
 * atomically; the optimizer state is written first, so a weights file on disk always has its
 * optimizer state beside it. The weights file's metadata records the epoch and its losses.
 */
public final class CheckpointWriter implements TrainingListener {

    private final Path folder;
    private final int everyEpochs;
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
     * @param epoch an epoch, from 1
     * @return the weights file of that epoch's checkpoint
     */
    public Path weightsFile(int epoch) {
        return folder.resolve(String.format(Locale.ROOT, "epoch-%03d.weights.safetensors", epoch));
    }

    /**
     * @param epoch an epoch, from 1
     * @return the optimizer state file of that epoch's checkpoint
     */
    public Path optimizerFile(int epoch) {
        return folder.resolve(String.format(Locale.ROOT, "epoch-%03d.optimizer.safetensors", epoch));
    }

    /** @return the epoch of the last checkpoint written, or 0 if none was */
    public int lastSaved() {
        return lastSaved;
    }

    @Override
    public void onTrainingStart(Trainer trainer) {
        lastSaved = 0;
    }

    @Override
    public void onEpochEnd(Trainer trainer, EpochResult result) {
        if (result.epoch() % everyEpochs == 0) {
            save(trainer, result);
        }
    }

    @Override
    public void onTrainingEnd(Trainer trainer, TrainingHistory history) {
        if (!history.epochs().isEmpty() && history.last().epoch() != lastSaved) {
            save(trainer, history.last());
        }
    }

    private void save(Trainer trainer, EpochResult result) {
        int epoch = result.epoch();
        Path weights = weightsFile(epoch);
        Path optimizer = optimizerFile(epoch);
        try {
            OptimizerStateFile.save(optimizer, trainer.optimizer());
        } catch (IOException e) {
            throw new UncheckedIOException("checkpoint of epoch " + epoch + ": cannot write " + optimizer + ": " + e.getMessage(), e);
        }
        try {
            WeightsFile.save(weights, trainer.model().parameters(), metadata(result));
        } catch (IOException e) {
            throw new UncheckedIOException("checkpoint of epoch " + epoch + ": cannot write " + weights + ": " + e.getMessage(), e);
        }
        lastSaved = epoch;
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
