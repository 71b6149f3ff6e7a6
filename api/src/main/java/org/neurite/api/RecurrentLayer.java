package org.neurite.api;

import java.util.List;

/**
 * A layer that runs over a sequence and can also be driven one step at a time, carrying its
 * state from step to step (for generation or streaming). Its {@link #forward} takes
 * {@code [batch, time, features]}. Its {@link StepResult} serves every {@link StepwiseLayer}.
 */
public interface RecurrentLayer extends StepwiseLayer {

    /**
     * @param batchSize the number of sequences run side by side
     * @return the state before the first step (zeros), such as {@code [h]} or {@code [h, c]}
     */
    @Override
    List<Tensor> initialState(int batchSize);

    /**
     * Runs one step.
     *
     * @param input the input at this step, {@code [batch, features]}
     * @param state the state after the previous step
     * @return the output of this step and the new state
     */
    @Override
    StepResult step(Tensor input, List<Tensor> state);

    /**
     * What one step of a {@link StepwiseLayer} gives.
     *
     * @param output the output of the step, {@code [batch, hidden]}
     * @param state the state to pass to the next step
     */
    record StepResult(Tensor output, List<Tensor> state) {
    }
}
