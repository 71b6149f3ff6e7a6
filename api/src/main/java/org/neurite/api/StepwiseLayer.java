package org.neurite.api;

import java.util.List;

/**
 * A layer of a sequence model that can also run one position at a time, carrying a state from
 * each position to the next, so that a model generates with constant work per new token
 * instead of re-running the prefix: a recurrent layer carries its hidden state, an attention
 * layer its key/value cache (and position). Generation ({@code neurite generate}) steps through
 * every such layer of a model and applies the position-wise layers between them as they are.
 */
public interface StepwiseLayer extends Layer {

    /**
     * @param batchSize the number of sequences run side by side
     * @return the state before the first position, such as {@code [h]}, {@code [h, c]} or empty caches
     */
    List<Tensor> initialState(int batchSize);

    /**
     * Runs one position.
     *
     * @param input the input at this position, {@code [batch, features]}
     * @param state the state after the previous position
     * @return the output at this position, {@code [batch, outputFeatures]}, and the new state
     */
    RecurrentLayer.StepResult step(Tensor input, List<Tensor> state);
}
