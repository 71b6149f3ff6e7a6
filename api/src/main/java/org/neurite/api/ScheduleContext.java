package org.neurite.api;

/**
 * What a {@link ScheduleProvider} learns from the run its schedule serves.
 *
 * @param baseRate the optimizer's configured learning rate ({@code lr}), which schedules scale
 * @param totalSteps the number of updates the whole run takes (epochs × batches per epoch), a
 *     natural default length for schedules that anneal over the run. While a config is only
 *     checked, before its data is read, the length is not known yet and is
 *     {@link #UNKNOWN_LENGTH}, which is large enough for every range check on lengths to pass
 */
public record ScheduleContext(double baseRate, int totalSteps) {

    /** The {@link #totalSteps} of a context made while a config is checked, before the run's length is known. */
    public static final int UNKNOWN_LENGTH = Integer.MAX_VALUE;

    /**
     * Validates the components.
     *
     * @param baseRate the base rate, finite and at least 0
     * @param totalSteps the run's length in updates, at least 1
     */
    public ScheduleContext {
        if (!(baseRate >= 0) || Double.isInfinite(baseRate)) {
            throw new IllegalArgumentException("schedule context: base rate must be a finite number >= 0, got "
                    + baseRate);
        }
        if (totalSteps < 1) {
            throw new IllegalArgumentException("schedule context: total steps must be at least 1, got " + totalSteps);
        }
    }
}
