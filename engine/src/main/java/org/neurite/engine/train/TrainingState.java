package org.neurite.engine.train;

import java.util.List;

/**
 * Where a training run stands between epochs, all a {@link Trainer} needs (beside the model's
 * weights and the optimizer's state) to continue it exactly: the data order of every epoch,
 * the schedule's position and the layers' random streams all follow from the run's seed, the
 * epoch and the step.
 *
 * @param epoch the epochs completed
 * @param steps the optimizer steps taken
 * @param history the results of the completed epochs, in order
 * @param stopped whether the run had stopped early (a listener called {@link Trainer#stop()})
 */
public record TrainingState(int epoch, long steps, List<EpochResult> history, boolean stopped) {

    /** Copies the history and checks it holds one result per completed epoch. */
    public TrainingState {
        history = List.copyOf(history);
        if (epoch < 0 || steps < 0 || history.size() != epoch) {
            throw new IllegalArgumentException("training state: " + epoch + " epochs, " + steps + " steps and "
                    + history.size() + " epoch results do not fit together");
        }
    }

    /** @return the state before the first epoch */
    public static TrainingState start() {
        return new TrainingState(0, 0, List.of(), false);
    }
}
