package org.neurite.api;

/**
 * A layer that can carry state from one training batch to the next, such as a recurrent layer
 * with {@code stateful: true} over a long text cut into contiguous windows (truncated
 * backpropagation through time: the state is carried, its gradient is not).
 *
 * <p>The trainer calls {@link #resetState()} at the start of every epoch. Evaluation and
 * prediction ({@link Mode#INFERENCE}) neither use nor change the carried state. Carrying only
 * makes sense when row {@code r} of every batch continues row {@code r} of the batch before,
 * so a run that shuffles its batches is refused.
 */
public interface StatefulLayer extends Layer {

    /** @return whether this layer carries its state from one training batch to the next */
    boolean carriesState();

    /** Forgets the carried state: the next training batch starts from the initial state. */
    void resetState();
}
