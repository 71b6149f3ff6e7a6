package org.neurite.engine.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.neurite.api.Tensor;

/**
 * One minibatch: each named input {@code [b, ...inputShape]} and the targets, {@code [b]}
 * (class indices), {@code [b, time]} (class indices per step, {@link Dataset#IGNORE_INDEX} at
 * padding) or {@code [b, ...targetShape]} (values). The tensors are new for every batch; nothing
 * in them is shared with later batches.
 *
 * @param inputs the inputs by name, in the dataset's order
 * @param targets the targets of the batch's samples
 */
public record Batch(Map<String, Tensor> inputs, Tensor targets) {

    /** Keeps the inputs in their order, unmodifiable. */
    public Batch {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("batch: needs at least one input");
        }
        inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
    }

    /**
     * A batch with one input, named {@link Dataset#INPUT}.
     *
     * @param features the features of the batch's samples
     * @param targets the targets of the batch's samples
     */
    public Batch(Tensor features, Tensor targets) {
        this(Map.of(Dataset.INPUT, features), targets);
    }

    /**
     * @return the only input
     * @throws IllegalStateException if the batch has several inputs
     */
    public Tensor features() {
        if (inputs.size() != 1) {
            throw new IllegalStateException("batch: has " + inputs.size() + " inputs " + inputs.keySet()
                    + "; name the one wanted");
        }
        return inputs.values().iterator().next();
    }

    /** @return the number of samples in the batch */
    public int size() {
        return targets.dim(0);
    }
}
