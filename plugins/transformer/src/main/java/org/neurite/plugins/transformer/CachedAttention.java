package org.neurite.plugins.transformer;

import org.neurite.api.ArrayKernels;

/**
 * The causal self attention of a decode pass over a {@link KeyValueCache}: the new rows' keys and
 * values go into the cache, then each new query attends over its sequence's cached steps up to
 * its own. Per head, a query's scores against the cached keys of steps {@code 0..t} are a sum of
 * the transposed keys' rows weighted by the query, scaled by {@code 1 / sqrt(head width)}; then
 * their softmax, and the values weighted by it.
 */
final class CachedAttention {

    /** Scores are computed in blocks of this many steps, whole vectors of the widest vector units. */
    private static final int SCORE_BLOCK = 16;

    private final int width;
    private final int heads;

    /**
     * @param width the model's width
     * @param heads the number of heads, a divisor of the width
     */
    CachedAttention(int width, int heads) {
        this.width = width;
        this.heads = heads;
    }

    /**
     * The keys and values of a part's rows (in {@code qkv}, rows of queries, keys and values),
     * channels {@code [from, to)}, into block {@code index} of its cache, at their sequences' steps.
     */
    void keep(CachePart part, int index, int rows, int n, float[] qkv, int from, int to) {
        int w = width;
        KeyValueCache cache = part.cache();
        float[] keys = cache.keys(index);
        float[] values = cache.values(index);
        int context = cache.context();
        for (int i = 0; i < rows; i++) {
            int t = part.start() + i % n;
            int row = (part.from() + i) * 3 * w;
            int key = cache.keysAt(i / n) + t;
            for (int c = from; c < to; c++) {
                keys[key + c * context] = qkv[row + w + c];
            }
            System.arraycopy(qkv, row + 2 * w + from, values, cache.at(i / n, t) + from, to - from);
        }
    }

    /**
     * The attention of heads {@code [h0, h1)} for the queries (in {@code r.qkv}) of
     * {@code batch * n} rows from row {@code from} over their sequences' cached keys and values
     * of block {@code index} up to their own steps, into {@code r.attended}; the rows of sequence
     * {@code b} are at steps {@code start, start + 1, ...}. {@code scores} holds one query's scores.
     */
    void attend(int from, int batch, int n, int start, KeyValueCache cache, int index, int h0, int h1,
                float[] scores, DecodeRows r, ArrayKernels kernels) {
        int w = width;
        int d = w / heads;
        float scale = (float) (1.0 / Math.sqrt(d));
        float[] keys = cache.keys(index);
        float[] values = cache.values(index);
        int context = cache.context();
        for (int i = 0; i < batch * n; i++) {
            int seen = start + i % n + 1;
            // whole vectors of scores: those past the step are of no key yet, and the softmax skips them
            int scored = Math.min(context, (seen + SCORE_BLOCK - 1) / SCORE_BLOCK * SCORE_BLOCK);
            int first = cache.at(i / n, 0);
            int row = from + i;
            for (int h = h0; h < h1; h++) {
                kernels.weightedSum(r.qkv, row * 3 * w + h * d, d, keys, cache.keysAt(i / n) + h * d * context,
                        context, scored, scores, 0);
                kernels.softmax(scores, 0, seen, scale);
                kernels.weightedSum(scores, 0, seen, values, first + h * d, w, d, r.attended, row * w + h * d);
            }
        }
    }

    /**
     * Moves columns {@code [from, to)} of the last of every {@code n} rows (each {@code stride}
     * long) to the front rows, in order.
     */
    static void lastOfEach(float[] rows, int batch, int n, int from, int to, int stride) {
        for (int b = 0; b < batch; b++) {
            System.arraycopy(rows, (b * n + n - 1) * stride + from, rows, b * stride + from, to - from);
        }
    }
}
