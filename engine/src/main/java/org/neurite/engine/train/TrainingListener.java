package org.neurite.engine.train;

/**
 * Hooks into a {@link Trainer}'s run, for progress output, early stopping, checkpoints and
 * metrics. Every method does nothing by default. Hooks run on the training thread, in the
 * order the listeners were added; a listener stops the run with {@link Trainer#stop()}.
 */
public interface TrainingListener {

    /**
     * Called once before the first epoch.
     *
     * @param trainer the trainer, for its model, optimizer and settings
     */
    default void onTrainingStart(Trainer trainer) {
    }

    /**
     * Called after {@link #onTrainingStart} when the run continues from a saved position, so a
     * listener whose state follows from the epochs before (early stopping, metrics) rebuilds it.
     *
     * @param trainer the trainer
     * @param from where the run continues from
     */
    default void onResume(Trainer trainer, TrainingState from) {
    }

    /**
     * Called before each epoch.
     *
     * @param trainer the trainer
     * @param epoch the epoch about to run, from 1
     */
    default void onEpochStart(Trainer trainer, int epoch) {
    }

    /**
     * Called after each optimizer step.
     *
     * @param trainer the trainer
     * @param epoch the current epoch, from 1
     * @param step the step just taken, counted from 1 over the whole run
     * @param loss the batch's loss
     */
    default void onBatchEnd(Trainer trainer, int epoch, long step, double loss) {
    }

    /**
     * Called after each epoch, including its validation.
     *
     * @param trainer the trainer
     * @param result what the epoch gave
     */
    default void onEpochEnd(Trainer trainer, EpochResult result) {
    }

    /**
     * Called once after the last epoch (not when training failed).
     *
     * @param trainer the trainer
     * @param history every epoch's result
     */
    default void onTrainingEnd(Trainer trainer, TrainingHistory history) {
    }
}
