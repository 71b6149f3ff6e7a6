package org.neurite.plugins.transformer;

import org.neurite.api.ArrayKernels;

/**
 * The working rows of a decode pass ({@link CachedForward}), grown to the longest pass seen: the
 * residual stream {@code x}, the normed rows {@code h}, the projections {@code qkv}, the heads'
 * outputs, the MLP's hidden rows, one query's scores per lane and the logits. Kept by a
 * {@link KeyValueCache}, so that a step allocates nothing.
 */
final class DecodeRows {

    /** Floats past the last score of a lane: a cache line of 64 bytes. */
    private static final int SCORES_APART = 16;

    float[] x = new float[0];
    float[] h = new float[0];
    float[] qkv = new float[0];
    float[] attended = new float[0];
    float[] hidden = new float[0];
    /** One query's scores for each lane. */
    float[][] scores = {new float[0], new float[0]};
    float[] logits = new float[0];
    private int rows;
    private BlockPass pass;

    /** @return the block pass of these rows on {@code kernels}, made at the first call with them */
    BlockPass pass(CachedForward forward, ArrayKernels kernels) {
        if (pass == null || pass.kernels() != kernels) {
            pass = new BlockPass(forward, this, kernels);
        }
        return pass;
    }

    /**
     * Makes room for {@code count} rows, logits of {@code logitWidth} each, and a query over
     * {@code steps} steps.
     */
    void fit(int count, int width, int hiddenWidth, int logitWidth, int steps) {
        if (count > rows) {
            rows = count;
            x = new float[count * width];
            h = new float[count * width];
            qkv = new float[count * 3 * width];
            attended = new float[count * width];
            hidden = new float[count * hiddenWidth];
            logits = new float[count * logitWidth];
        }
        for (int lane = 0; lane < scores.length; lane++) {
            if (scores[lane].length < steps + SCORES_APART) {
                // each lane writes its own; the gap keeps them off each other's cache lines
                scores[lane] = new float[steps + SCORES_APART];
            }
        }
    }
}
