package org.neurite.engine.train;

import java.util.Locale;

/**
 * Stops training when a validation measure has not improved for {@code patience} epochs in a
 * row. An epoch improves on the best so far when it beats it by more than {@code minDelta}
 * (lower for a loss, higher for an accuracy).
 */
public final class EarlyStopping implements TrainingListener {

    private final Monitor monitor;
    private final int patience;
    private final double minDelta;
    private double best;
    private int bestEpoch;
    private int epochsWithoutImprovement;
    private int stoppedAfter;

    /**
     * @param monitor the measure to watch
     * @param patience epochs without improvement tolerated before stopping, at least 1
     * @param minDelta the smallest change that counts as an improvement, not negative
     */
    public EarlyStopping(Monitor monitor, int patience, double minDelta) {
        if (patience < 1) {
            throw new IllegalArgumentException("early stopping: patience must be at least 1, got " + patience);
        }
        if (!(minDelta >= 0)) {
            throw new IllegalArgumentException("early stopping: min_delta must be 0 or more, got " + minDelta);
        }
        this.monitor = monitor;
        this.patience = patience;
        this.minDelta = minDelta;
    }

    @Override
    public void onTrainingStart(Trainer trainer) {
        best = Double.NaN;
        bestEpoch = 0;
        epochsWithoutImprovement = 0;
        stoppedAfter = 0;
    }

    /** Replays the epochs before the saved position: the state follows from the monitored values alone. */
    @Override
    public void onResume(Trainer trainer, TrainingState from) {
        from.history().forEach(r -> onEpochEnd(trainer, r));
    }

    @Override
    public void onEpochEnd(Trainer trainer, EpochResult result) {
        double value = monitor.measured(result, "early stopping");
        if (bestEpoch == 0 || improves(value)) {
            best = value;
            bestEpoch = result.epoch();
            epochsWithoutImprovement = 0;
        } else if (++epochsWithoutImprovement >= patience) {
            stoppedAfter = result.epoch();
            trainer.stop();
        }
    }

    private boolean improves(double value) {
        return monitor.higherIsBetter() ? value > best + minDelta : value < best - minDelta;
    }

    /** @return the measure watched */
    public Monitor monitor() {
        return monitor;
    }

    /** @return the best value of the monitored measure so far, or NaN before the first epoch */
    public double best() {
        return best;
    }

    /** @return the epoch that reached the best value, or 0 before the first epoch */
    public int bestEpoch() {
        return bestEpoch;
    }

    /** @return the epoch after which it stopped training, or 0 if it did not */
    public int stoppedAfter() {
        return stoppedAfter;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "EarlyStopping(%s, patience %d, min_delta %g)", monitor.key(), patience, minDelta);
    }
}
