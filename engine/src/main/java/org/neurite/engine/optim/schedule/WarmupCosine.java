package org.neurite.engine.optim.schedule;

import org.neurite.api.LearningRateSchedule;
import org.neurite.api.OptionException;
import org.neurite.engine.options.OptionChecks;

/**
 * A linear warm-up followed by cosine annealing, as PyTorch's
 * {@code SequentialLR([LinearLR(start_factor=1/warmup, total_iters=warmup-1), CosineAnnealingLR(T_max=total-warmup, eta_min=min_lr)], milestones=[warmup])}:
 * <pre>
 *   step &lt; W:            baseRate * (step + 1) / W
 *   W &lt;= step &lt;= total:   minRate + (baseRate - minRate) * (1 + cos(pi * (step - W) / (total - W))) / 2
 *   step &gt; total:         minRate
 * </pre>
 * with W = {@code warmupSteps} and total = {@code totalSteps}. The cosine part is the closed form
 * of {@code CosineAnnealingLR}; it reaches {@code minRate} at step {@code total} and stays there.
 * Without warm-up (W = 0) it is that scheduler alone.
 *
 * @param baseRate the peak rate, reached at the last warm-up step
 * @param warmupSteps the number of warm-up steps, >= 0
 * @param totalSteps the step at which the rate reaches {@code minRate}, > {@code warmupSteps}
 * @param minRate the final rate, in [0, baseRate]
 */
public record WarmupCosine(double baseRate, int warmupSteps, int totalSteps, double minRate)
        implements LearningRateSchedule {

    /** Checks the ranges. */
    public WarmupCosine {
        OptionChecks.atLeast("warmup_steps", warmupSteps, 0);
        if (totalSteps <= warmupSteps) {
            throw new OptionException("total_steps", "must be greater than warmup_steps (" + warmupSteps + "), got "
                    + totalSteps);
        }
        OptionChecks.nonNegative("min_lr", minRate);
        if (minRate > baseRate) {
            throw new OptionException("min_lr", "must not exceed the base learning rate " + baseRate + ", got " + minRate);
        }
    }

    @Override
    public double rate(int step) {
        if (step < warmupSteps) {
            return baseRate * (step + 1) / warmupSteps;
        }
        int t = step - warmupSteps;
        int span = totalSteps - warmupSteps;
        if (t >= span) {
            return minRate;
        }
        return minRate + (baseRate - minRate) * (1 + Math.cos(Math.PI * t / span)) / 2;
    }
}
