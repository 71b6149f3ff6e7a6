package org.neurite.launcher.config;

import java.util.List;
import java.util.Set;

import org.neurite.api.OptionException;
import org.neurite.api.Options;
import org.neurite.api.StatefulLayer;
import org.neurite.engine.data.augment.ImageAugmentation;
import org.neurite.engine.nn.Model;
import org.neurite.engine.nn.StatefulLayers;
import org.neurite.engine.options.OptionReader;

/**
 * Checks the {@code training} section (epochs, batches, divergence, early stopping, checkpoints,
 * augmentation) and whether the model's stateful layers get batches that continue each other.
 */
final class TrainingCheck {

    private static final List<String> MONITORS = List.of("val_loss", "val_accuracy");

    private TrainingCheck() {
    }

    /**
     * @param t the section (empty when the config has none)
     * @param hasValidation whether the data has a validation source, which monitoring needs
     * @param problems where the problems are recorded
     * @return the checked section, or {@code null} after recording its problems
     */
    static TrainingConfig check(Options t, boolean hasValidation, Problems problems) {
        if (!problems.section(t, ConfigKeys.TRAINING, Set.of())) {
            return null;
        }
        return problems.attempt(() -> {
            OptionReader in = OptionReader.of(t, ConfigKeys.TRAINING);
            int epochs = Problems.atLeast(t, "epochs", in.integer("epochs"), 0);
            int batchSize = Problems.atLeast(t, "batch_size", in.integer("batch_size"), 0);
            double divergence = Problems.nonNegative(t, "divergence_factor", in.number("divergence_factor"));
            if (divergence != 0 && !(divergence > 1) || Double.isInfinite(divergence)) {
                throw new OptionException(t.pathOf("divergence_factor"), "must be 0 (off) or a finite number above 1, got "
                        + divergence);
            }
            int every = Problems.atLeast(t, "checkpoint_every", in.integer("checkpoint_every"), 0);
            TrainingConfig.EarlyStoppingConfig early = t.has("early_stopping")
                    ? earlyStopping(t, hasValidation, problems) : null;
            TrainingConfig.CheckpointConfig kept = t.has("checkpoint")
                    ? checkpoint(t.getOptions("checkpoint"), early, hasValidation, problems)
                    : new TrainingConfig.CheckpointConfig(0, false, "val_loss");
            ImageAugmentation augmentation = t.has("augment") ? AugmentationCheck.read(t.getOptions("augment")) : null;
            return new TrainingConfig(epochs, batchSize, early, every, in.flag("stop_at_zero_errors"), in.flag("shuffle"),
                    divergence, kept, augmentation);
        });
    }

    private static TrainingConfig.EarlyStoppingConfig earlyStopping(Options t, boolean hasValidation, Problems problems) {
        Options e = t.getOptions("early_stopping");
        problems.requireSection(e, ConfigKeys.EARLY_STOPPING);
        OptionReader es = OptionReader.of(e, ConfigKeys.EARLY_STOPPING);
        String monitor = es.choice("monitor", MONITORS);
        int patience = Problems.atLeast(e, "patience", es.integer("patience"), 1);
        double minDelta = Problems.nonNegative(e, "min_delta", es.number("min_delta"));
        if (!hasValidation) {
            throw new OptionException(t.pathOf("early_stopping"), "monitors " + monitor
                    + ", but data has no validation source (add data.validation, such as {split: 0.1})");
        }
        return new TrainingConfig.EarlyStoppingConfig(monitor, patience, minDelta, es.flag("restore_best"));
    }

    private static TrainingConfig.CheckpointConfig checkpoint(Options c, TrainingConfig.EarlyStoppingConfig early,
                                                              boolean hasValidation, Problems problems) {
        problems.requireSection(c, ConfigKeys.CHECKPOINT);
        OptionReader cr = OptionReader.of(c, ConfigKeys.CHECKPOINT);
        String monitor = c.has("monitor") ? cr.choice("monitor", MONITORS)
                : early != null ? early.monitor() : "val_loss";
        boolean keepBest = cr.flag("keep_best");
        if (keepBest && !hasValidation) {
            throw new OptionException(c.pathOf("keep_best"), "monitors " + monitor
                    + ", but data has no validation source (add data.validation, such as {split: 0.1})");
        }
        return new TrainingConfig.CheckpointConfig(Problems.atLeast(c, "keep_last", cr.integer("keep_last"), 0), keepBest,
                monitor);
    }

    /**
     * A layer that carries its state to the next batch needs batches that continue each other: no
     * shuffling, and a text laid out as as many streams as a batch has rows.
     *
     * @param model the built model
     * @param training the checked training section
     * @param train the training source's section when a provider reads it, else {@code null}
     * @return nothing
     * @throws OptionException if the batches would not continue each other
     */
    static Void statefulInOrder(Model model, TrainingConfig training, Options train) {
        List<StatefulLayer> stateful = StatefulLayers.of(model);
        if (stateful.isEmpty() || training.batchSize() == 0) {
            return null;
        }
        String where = stateful.get(0).options().pathOf("stateful");
        if (training.shuffle()) {
            throw new OptionException(where, "a stateful layer carries its state from each batch to the next, which"
                    + " needs contiguous windows in order, but training.shuffle is true; set training.shuffle: false"
                    + " (and lay the text out as streams of the batch size, such as data.train.streams: "
                    + training.batchSize() + ")");
        }
        if (train != null && "text".equals(train.raw("format"))) {
            Object streams = train.raw("streams");
            if (!(streams instanceof Number n) || n.intValue() != training.batchSize()) {
                throw new OptionException(where, "a stateful layer carries its state from row r of each batch to row r"
                        + " of the next, so the text must be laid out as data.train.streams: " + training.batchSize()
                        + " (the batch size), " + (streams == null ? "not as windows in the text's order"
                        : "not " + streams));
            }
        }
        return null;
    }
}
