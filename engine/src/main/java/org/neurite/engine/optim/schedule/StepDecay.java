package org.neurite.engine.optim.schedule;

import org.neurite.api.LearningRateSchedule;
import org.neurite.engine.options.OptionChecks;

/**
 * Multiplies the rate by {@code gamma} every {@code stepSize} steps, as {@code torch.optim.lr_scheduler.StepLR}:
 * {@code rate(step) = baseRate * gamma^floor(step / stepSize)}.
 *
 * @param baseRate the rate of the first step
 * @param stepSize the number of steps between decays, >= 1
 * @param gamma the factor applied at each decay, > 0
 */
public record StepDecay(double baseRate, int stepSize, double gamma) implements LearningRateSchedule {

    /** Checks the ranges. */
    public StepDecay {
        OptionChecks.atLeast("step_size", stepSize, 1);
        OptionChecks.positive("gamma", gamma);
    }

    @Override
    public double rate(int step) {
        return baseRate * Math.pow(gamma, step / stepSize);
    }
}
