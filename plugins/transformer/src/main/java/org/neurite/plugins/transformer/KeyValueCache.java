package org.neurite.plugins.transformer;

import org.neurite.api.ShapeMismatchException;

/**
 * The state of sequences a {@link CausalLm} is continuing: the keys and values that each block's
 * causal self attention computed for the steps so far, per block the values
 * {@code [batch, context, width]} and the keys transposed, {@code [batch, width, context]}, so that
 * a query's scores against all steps are sums of key rows, with no sum across a vector's lanes
 * (allocated once, for the whole context, at the first step), so that continuing a sequence
 * projects only the new steps; and the working rows of the pass over new steps, kept so that a
 * step of one token allocates nothing; and the weights in the layout the steps read.
 */
final class KeyValueCache {

    private final int blocks;
    private final int context;
    private final int width;
    private float[][] keys;
    private float[][] values;
    private int batch;
    private int length;
    private final DecodeRows rows = new DecodeRows();
    private final PackedMatrices matrices;

    /**
     * @param blocks the number of attention layers that keep entries
     * @param context the most steps a sequence holds
     * @param width the width of a key and of a value
     * @param matrices the weights in the layout the steps read
     */
    KeyValueCache(int blocks, int context, int width, PackedMatrices matrices) {
        this.blocks = blocks;
        this.context = context;
        this.width = width;
        this.matrices = matrices;
    }

    /** @return how many steps are cached */
    int length() {
        return length;
    }

    /**
     * Fixes the number of sequences at the first call and allocates their entries.
     *
     * @throws ShapeMismatchException if a later call gives another number
     */
    void holdBatch(int sequences) {
        if (keys == null) {
            batch = sequences;
            keys = new float[blocks][sequences * context * width];
            values = new float[blocks][sequences * context * width];
        } else if (sequences != batch) {
            throw new ShapeMismatchException(CausalLm.TYPE + ": the cache holds " + batch + " sequences, got a batch of "
                    + sequences);
        }
    }

    /**
     * @return the keys of one block: channel {@code c} of step {@code t} of sequence {@code b} at
     *     {@link #keysAt}{@code (b) + c * context + t}
     */
    float[] keys(int block) {
        return keys[block];
    }

    /** @return where the keys of sequence {@code b}, {@code [width, context]}, start */
    int keysAt(int b) {
        return b * width * context;
    }

    /** @return the values of one block, step {@code t} of sequence {@code b} at {@link #at}{@code (b, t)} */
    float[] values(int block) {
        return values[block];
    }

    /** @return where step {@code t} of sequence {@code b} starts in a block's values */
    int at(int b, int t) {
        return (b * context + t) * width;
    }

    /** @return the most steps a sequence holds */
    int context() {
        return context;
    }

    /** @return the weights in the layout the steps read */
    PackedMatrices matrices() {
        return matrices;
    }

    /** Forgets every step, keeping the entries' storage (its batch size stays), the rows and the weights. */
    void clear() {
        length = 0;
    }

    /** @return the working rows of the pass over new steps */
    DecodeRows rows() {
        return rows;
    }

    /** Counts the steps every block has now appended. */
    void advance(int steps) {
        length += steps;
    }
}
