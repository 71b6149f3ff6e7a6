package org.neurite.launcher.config;

import org.neurite.engine.data.augment.ImageAugmentation;

/**
 * The checked {@code training} section of a run config.
 *
 * @param epochs the number of passes over the training data
 * @param batchSize samples per update; 0 for full batches
 * @param earlyStopping when to stop for lack of improvement, or {@code null}
 * @param checkpointEvery save a checkpoint after every this many epochs; 0 for none
 * @param stopAtZeroErrors end as soon as an epoch misclassifies no training sample
 * @param shuffle whether every epoch visits the samples in a new random order
 * @param divergenceFactor how many times its lowest moving average the loss may rise; 0 for no check
 * @param checkpoint which checkpoints stay
 * @param augmentation the random changes of the training images ({@code training.augment}), or {@code null}
 */
public record TrainingConfig(int epochs, int batchSize, EarlyStoppingConfig earlyStopping, int checkpointEvery,
                             boolean stopAtZeroErrors, boolean shuffle, double divergenceFactor,
                             CheckpointConfig checkpoint, ImageAugmentation augmentation) {

    /**
     * The checked {@code training.early_stopping} section.
     *
     * @param monitor {@code val_loss} or {@code val_accuracy}
     * @param patience epochs without improvement tolerated
     * @param minDelta the smallest change that counts as an improvement
     * @param restoreBest whether the model saved is the best epoch's (else the last epoch's)
     */
    public record EarlyStoppingConfig(String monitor, int patience, double minDelta, boolean restoreBest) {
    }

    /**
     * The checked {@code training.checkpoint} section.
     *
     * @param keepLast keep only this many of the latest checkpoints (besides the best); 0 keeps all
     * @param keepBest whether the best epoch by {@code monitor} is also saved and kept
     * @param monitor {@code val_loss} or {@code val_accuracy}
     */
    public record CheckpointConfig(int keepLast, boolean keepBest, String monitor) {
    }
}
