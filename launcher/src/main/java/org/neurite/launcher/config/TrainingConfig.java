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
 * @param augmentation the random changes of the training images ({@code training.augment}), or {@code null}
 */
public record TrainingConfig(int epochs, int batchSize, EarlyStoppingConfig earlyStopping, int checkpointEvery,
                             boolean stopAtZeroErrors, ImageAugmentation augmentation) {

    /** A training section without augmentation. */
    public TrainingConfig(int epochs, int batchSize, EarlyStoppingConfig earlyStopping, int checkpointEvery,
                          boolean stopAtZeroErrors) {
        this(epochs, batchSize, earlyStopping, checkpointEvery, stopAtZeroErrors, null);
    }

    /**
     * The checked {@code training.early_stopping} section.
     *
     * @param monitor {@code val_loss} or {@code val_accuracy}
     * @param patience epochs without improvement tolerated
     * @param minDelta the smallest change that counts as an improvement
     */
    public record EarlyStoppingConfig(String monitor, int patience, double minDelta) {
    }
}
