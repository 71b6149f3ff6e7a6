package org.neurite.engine.train;

import org.neurite.api.Tensor;
import org.neurite.engine.data.Batch;

/**
 * Where a training step's gradients come from, in place of the trainer's own forward and
 * backward pass over the batch: such as gradients summed over fixed-size micro-batches, computed
 * on other machines. Everything else about the step stays the trainer's: the divergence checks,
 * clipping, the schedule, the optimizer's update, the measures and the listeners.
 */
public interface StepGradients {

    /**
     * What a step's gradients came with.
     *
     * @param loss the batch's mean loss
     * @param prediction the model's output for the whole batch, samples in the batch's order
     *     (for the epoch's accuracy)
     */
    record Outcome(double loss, Tensor prediction) {
    }

    /**
     * Sets the gradients of the model's parameters to those of the batch's mean loss (they are
     * zero when called), computed with the model in training mode.
     *
     * @param batch the step's batch, as the trainer drew it
     * @param samples the batch's sample indices in the training data, in the batch's order
     * @param seed the run's seed
     * @param step the run's step being computed, from 0 (layers' training streams follow it)
     * @return the batch's loss and the model's output
     */
    Outcome compute(Batch batch, int[] samples, long seed, long step);
}
