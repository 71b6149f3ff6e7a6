package org.neurite.engine.train;

import java.util.List;

/**
 * The results of a training run, one per epoch that ran.
 *
 * @param epochs the epoch results in order
 * @param stoppedEarly whether a listener stopped training before the planned number of epochs
 */
public record TrainingHistory(List<EpochResult> epochs, boolean stoppedEarly) {

    /** Copies the list so that the history cannot change afterwards. */
    public TrainingHistory {
        epochs = List.copyOf(epochs);
    }

    /** @return the mean training loss of each epoch, in order */
    public double[] losses() {
        return epochs.stream().mapToDouble(EpochResult::loss).toArray();
    }

    /**
     * @return the result of the last epoch that ran
     * @throws IllegalStateException if no epoch ran
     */
    public EpochResult last() {
        if (epochs.isEmpty()) {
            throw new IllegalStateException("no epoch has run");
        }
        return epochs.get(epochs.size() - 1);
    }
}
