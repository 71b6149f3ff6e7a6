package org.neurite.engine.optim.schedule;

import org.neurite.api.LearningRateSchedule;
import org.neurite.engine.options.OptionChecks;

/**
 * Multiplies the rate by {@code gamma} every step, as {@code torch.optim.lr_scheduler.ExponentialLR}:
 * {@code rate(step) = baseRate * gamma^step}.
 *
 * @param baseRate the rate of the first step
 * @param gamma the factor applied at each step, > 0
 */
public record ExponentialDecay(double baseRate, double gamma) implements LearningRateSchedule {

    /** Checks the ranges. */
    public ExponentialDecay {
        OptionChecks.positive("gamma", gamma);
    }

    @Override
    public double rate(int step) {
        return baseRate * Math.pow(gamma, step);
    }
}
