package org.neurite.engine.data;

import org.neurite.api.Tensor;

/**
 * One minibatch: features {@code [b, ...featureShape]} and targets {@code [b]} (class indices)
 * or {@code [b, ...targetShape]}. Both tensors are new for every batch; nothing in them is
 * shared with later batches.
 *
 * @param features the features of the batch's samples
 * @param targets the targets of the batch's samples
 */
public record Batch(Tensor features, Tensor targets) {

    /** @return the number of samples in the batch */
    public int size() {
        return features.dim(0);
    }
}
