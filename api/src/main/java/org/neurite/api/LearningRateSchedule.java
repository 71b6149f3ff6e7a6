package org.neurite.api;

/**
 * The learning rate as a function of the number of optimizer steps taken. Before the update
 * with zero-based index {@code step}, a trainer calls
 * {@code optimizer.setLearningRate(schedule.rate(step))}; so {@code rate(0)} is the rate of the
 * first update. This equals the rate a PyTorch scheduler holds after {@code step} calls of
 * {@code scheduler.step()}, with one scheduler step per optimizer step. Schedules count
 * optimizer steps, not epochs: to decay per epoch, give sizes in steps (epochs × batches).
 */
@FunctionalInterface
public interface LearningRateSchedule {

    /**
     * @param step the zero-based index of the coming update, at least 0
     * @return the learning rate to use for it
     */
    double rate(int step);
}
