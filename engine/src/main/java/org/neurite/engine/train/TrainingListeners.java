package org.neurite.engine.train;

import java.util.ArrayList;
import java.util.List;

import org.neurite.api.LearningRateSchedule;

/**
 * The listeners of a {@link Trainer}'s run, told of each event in turn: a schedule that follows
 * the epochs' results (reduce on plateau) first, so that it has heard of an epoch before the
 * listeners that report the rate, then the listeners in the order they were added.
 */
final class TrainingListeners {

    private final List<TrainingListener> listeners;

    /**
     * @param added the listeners in the order added
     * @param schedule the run's schedule, told first when it is a {@link TrainingListener}; {@code null} for none
     */
    TrainingListeners(List<TrainingListener> added, LearningRateSchedule schedule) {
        List<TrainingListener> all = new ArrayList<>(added);
        if (schedule instanceof TrainingListener watching) {
            all.add(0, watching);
        }
        this.listeners = List.copyOf(all);
    }

    void trainingStart(Trainer trainer) {
        for (TrainingListener l : listeners) {
            l.onTrainingStart(trainer);
        }
    }

    void resume(Trainer trainer, TrainingState from) {
        for (TrainingListener l : listeners) {
            l.onResume(trainer, from);
        }
    }

    void epochStart(Trainer trainer, int epoch) {
        for (TrainingListener l : listeners) {
            l.onEpochStart(trainer, epoch);
        }
    }

    void batchEnd(Trainer trainer, int epoch, long step, double loss) {
        for (TrainingListener l : listeners) {
            l.onBatchEnd(trainer, epoch, step, loss);
        }
    }

    void epochEnd(Trainer trainer, EpochResult result) {
        for (TrainingListener l : listeners) {
            l.onEpochEnd(trainer, result);
        }
    }

    void trainingEnd(Trainer trainer, TrainingHistory history) {
        for (TrainingListener l : listeners) {
            l.onTrainingEnd(trainer, history);
        }
    }
}
