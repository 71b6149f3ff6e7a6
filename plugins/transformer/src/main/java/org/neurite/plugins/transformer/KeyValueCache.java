package org.neurite.plugins.transformer;

import java.util.List;

import org.neurite.api.Tensor;

/**
 * The keys and values that the causal self attention of each block computed for the steps so
 * far, {@code [batch, steps, width]} per block, so that continuing a sequence projects only the
 * new steps.
 */
final class KeyValueCache {

    private final Tensor[] keys;
    private final Tensor[] values;
    private int length;

    /** @param blocks the number of attention layers that keep entries */
    KeyValueCache(int blocks) {
        this.keys = new Tensor[blocks];
        this.values = new Tensor[blocks];
    }

    /** @return how many steps are cached */
    int length() {
        return length;
    }

    /**
     * Appends the new steps' keys and values of one block.
     *
     * @return the block's keys, earlier and new, {@code [batch, steps, width]}
     */
    Tensor append(int block, Tensor newKeys, Tensor newValues) {
        keys[block] = keys[block] == null ? newKeys : newKeys.backend().concat(List.of(keys[block], newKeys), 1);
        values[block] = values[block] == null ? newValues
                : newValues.backend().concat(List.of(values[block], newValues), 1);
        return keys[block];
    }

    /** @return the block's values, earlier and new */
    Tensor values(int block) {
        return values[block];
    }

    /** Counts the steps every block has now appended. */
    void advance(int steps) {
        length += steps;
    }
}
