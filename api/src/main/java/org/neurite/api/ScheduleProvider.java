package org.neurite.api;

/**
 * Creates {@link LearningRateSchedule}s of one kind from their options; an extension point for
 * plugins. A run config names it by {@code type} under the optimizer's {@code schedule}:
 * <pre>
 *   optimizer: {name: adam, lr: 0.001, schedule: {type: cosine, warmup_steps: 500}}
 * </pre>
 * The options passed to {@link #create} are that map without {@code type}.
 */
public interface ScheduleProvider extends ComponentProvider {

    /**
     * Creates an instance.
     *
     * @param options the options, checked against {@link #options()}
     * @param context the optimizer's base rate and the run's length
     * @return the new schedule
     * @throws OptionException if an option is missing, mistyped or out of range
     */
    LearningRateSchedule create(Options options, ScheduleContext context);
}
