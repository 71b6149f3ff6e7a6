package org.neurite.engine.optim.schedule;

import org.neurite.api.LearningRateSchedule;
import org.neurite.engine.train.EpochResult;
import org.neurite.engine.train.Monitor;
import org.neurite.engine.train.Trainer;
import org.neurite.engine.train.TrainingListener;
import org.neurite.engine.train.TrainingState;

/**
 * Lowers the learning rate when a measure stops improving, as
 * {@code torch.optim.lr_scheduler.ReduceLROnPlateau}: after {@code patience} epochs in a row
 * without an improvement of more than {@code threshold} (relative), the rate is multiplied by
 * {@code factor}, not below {@code minRate}, and {@code cooldown} epochs pass before it is
 * watched again. It is a schedule (the {@link Trainer} asks it for the rate before every step)
 * and a {@link TrainingListener} the trainer adds for itself, told of every epoch. Its state
 * follows from the measured values alone, so a resumed run replays the epochs before the
 * checkpoint and continues with the same rate.
 */
public final class ReduceOnPlateau implements LearningRateSchedule, TrainingListener {

    private final double baseRate;
    private final Monitor monitor;
    private final double factor;
    private final int patience;
    private final double threshold;
    private final int cooldown;
    private final double minRate;
    private double rate;
    private double best;
    private int bad;
    private int cooling;

    /**
     * @param baseRate the rate to start from
     * @param monitor the measure watched
     * @param factor multiplies the rate at each reduction, in (0, 1)
     * @param patience epochs without improvement before a reduction, at least 0
     * @param threshold the relative change that counts as an improvement, at least 0
     * @param cooldown epochs after a reduction before epochs count again, at least 0
     * @param minRate the lowest rate, at least 0
     */
    public ReduceOnPlateau(double baseRate, Monitor monitor, double factor, int patience, double threshold, int cooldown,
                           double minRate) {
        if (!(factor > 0 && factor < 1)) {
            throw new IllegalArgumentException("reduce_on_plateau: factor must be in (0, 1), got " + factor);
        }
        if (patience < 0 || cooldown < 0 || !(threshold >= 0) || !(minRate >= 0)) {
            throw new IllegalArgumentException("reduce_on_plateau: patience, cooldown, threshold and min_lr must not be"
                    + " negative");
        }
        this.baseRate = baseRate;
        this.monitor = monitor;
        this.factor = factor;
        this.patience = patience;
        this.threshold = threshold;
        this.cooldown = cooldown;
        this.minRate = minRate;
        reset();
    }

    private void reset() {
        rate = baseRate;
        best = Double.NaN;
        bad = 0;
        cooling = 0;
    }

    @Override
    public double rate(int step) {
        return rate;
    }

    @Override
    public void onTrainingStart(Trainer trainer) {
        reset();
    }

    @Override
    public void onResume(Trainer trainer, TrainingState from) {
        from.history().forEach(r -> onEpochEnd(trainer, r));
    }

    @Override
    public void onEpochEnd(Trainer trainer, EpochResult result) {
        double value = monitor.measured(result, "reduce_on_plateau");
        if (Double.isNaN(best) || improves(value)) {
            best = value;
            bad = 0;
        } else {
            bad++;
        }
        if (cooling > 0) {
            cooling--;
            bad = 0;
        }
        if (bad > patience) {
            rate = Math.max(rate * factor, minRate);
            cooling = cooldown;
            bad = 0;
        }
    }

    /** Relative threshold, as PyTorch's default {@code threshold_mode='rel'}. */
    private boolean improves(double value) {
        return monitor.higherIsBetter() ? value > best * (1 + threshold) : value < best * (1 - threshold);
    }

    /** @return the rate the coming steps use */
    public double currentRate() {
        return rate;
    }
}
