package org.neurite.engine.optim.schedule;

import org.neurite.api.LearningRateSchedule;

/**
 * Keeps the learning rate fixed.
 *
 * @param baseRate the rate of every step
 */
public record ConstantRate(double baseRate) implements LearningRateSchedule {

    @Override
    public double rate(int step) {
        return baseRate;
    }
}
