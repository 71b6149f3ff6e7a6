package org.neurite.engine.ops;

import java.util.Arrays;
import java.util.random.RandomGenerator;

import org.neurite.api.Mode;
import org.neurite.api.Shape;
import org.neurite.engine.autograd.SpareGradients;
import org.neurite.engine.kernel.Exponentials;
import org.neurite.engine.kernel.Gemm;
import org.neurite.engine.kernel.Parallel;
import org.neurite.engine.kernel.SmallProducts;
import org.neurite.engine.tensor.CpuTensor;

/**
 * Fused multi-head attention over {@code [batch, time, heads * width]} tensors, with a key
 * padding mask, a causal mask and dropout on the attention weights.
 *
 * <p>The work is split into tasks of one (sample, head) each, spread over the engine's threads.
 * A task walks its queries in blocks of {@link #BLOCK} rows: the block's scores against every key
 * it may see ({@code [BLOCK, lk]}, never {@code [lq, lk]}) are a strided matrix product straight
 * out of the interleaved heads, turned into probabilities in place and multiplied by the values.
 * Only each row's log-sum-exp is kept for the backward pass, which recomputes the block's
 * probabilities from it (as FlashAttention does) instead of storing {@code [lq, lk]} per head.
 *
 * <p>Dropout draws no mask to store: whether weight {@code (task, i, j)} survives is a hash of one
 * seed drawn per call and the weight's index, so the backward pass regenerates the same mask.
 */
public final class MultiHeadAttention {

    /**
     * Query rows per block: the scratch holds a few {@code BLOCK x lk} matrices per thread. Under a
     * causal mask a block reads only the keys its last row sees, so blocks of 32 skip a quarter of
     * the products of a 64-step context, and cost less than that in smaller GEMM calls.
     */
    static final int BLOCK = 32;

    private MultiHeadAttention() {
    }

    /**
     * Attends, as {@code Backend.multiHeadAttention} documents.
     *
     * @param q queries {@code [batch, lq, heads * d]}
     * @param k keys {@code [batch, lk, heads * d]}
     * @param v values {@code [batch, lk, heads * dv]}
     * @param heads the number of heads
     * @param keyPadding {@code [batch, lk]}, 1 at real keys and 0 at padding; or null
     * @param causal whether query {@code i} sees only keys {@code j <= i + lk - lq}
     * @param dropout drop probability of the attention weights in training
     * @param mode training applies dropout
     * @param random the source of the dropout seed
     * @return {@code [batch, lq, heads * dv]}
     */
    public static CpuTensor apply(CpuTensor q, CpuTensor k, CpuTensor v, int heads, CpuTensor keyPadding,
                                  boolean causal, float dropout, Mode mode, RandomGenerator random) {
        if (!(dropout >= 0f && dropout < 1f)) {
            throw new IllegalArgumentException("multiHeadAttention: dropout " + dropout + " must be in [0, 1)");
        }
        AttentionGeometry g = AttentionGeometry.check(q, k, v, heads, keyPadding, causal);
        return attend(g, q, k, v, false, keyPadding, dropout, mode, random);
    }

    /**
     * Self-attention straight out of one projection's output, as {@code Backend.multiHeadSelfAttention}
     * documents: queries, keys and values are read in place from their thirds of {@code qkv}'s
     * rows, and their gradients written into one array of {@code qkv}'s shape, so the three
     * slices and the copies of their gradients into it are not made.
     *
     * @param qkv {@code [batch, time, 3 * heads * d]}: queries, keys, values side by side
     * @param heads the number of heads
     * @param keyPadding {@code [batch, time]}, 1 at real keys and 0 at padding; or null
     * @param causal whether query {@code i} sees only keys {@code j <= i}
     * @param dropout drop probability of the attention weights in training
     * @param mode training applies dropout
     * @param random the source of the dropout seed
     * @return {@code [batch, time, heads * d]}
     */
    public static CpuTensor applySelf(CpuTensor qkv, int heads, CpuTensor keyPadding, boolean causal, float dropout,
                                      Mode mode, RandomGenerator random) {
        if (!(dropout >= 0f && dropout < 1f)) {
            throw new IllegalArgumentException("multiHeadSelfAttention: dropout " + dropout + " must be in [0, 1)");
        }
        AttentionGeometry g = AttentionGeometry.checkPacked(qkv, heads, keyPadding, causal);
        return attend(g, qkv, qkv, qkv, true, keyPadding, dropout, mode, random);
    }

    /** The forward pass over q, k and v laid out as {@code g} says: three tensors, or one {@code packed} three times. */
    private static CpuTensor attend(AttentionGeometry g, CpuTensor q, CpuTensor k, CpuTensor v, boolean packed, CpuTensor keyPadding,
                                    float dropout, Mode mode, RandomGenerator random) {
        boolean drops = mode == Mode.TRAINING && dropout > 0f;
        Dropping drop = new Dropping(drops ? dropout : 0f, drops ? random.nextLong() : 0L);
        float[] out = new float[g.batch() * g.lq() * g.heads() * g.dv()];
        float[] logSumExp = new float[g.batch() * g.heads() * g.lq()];
        float[] mask = keyPadding == null ? null : keyPadding.data();
        float[] qd = q.data();
        float[] kd = k.data();
        float[] vd = v.data();
        Parallel.forRange(g.batch() * g.heads(), 1, (start, end) -> {
            float[] p = new float[BLOCK * g.lk()];
            for (int task = start; task < end; task++) {
                for (int i0 = 0; i0 < g.lq(); i0 += BLOCK) {
                    int rows = Math.min(BLOCK, g.lq() - i0);
                    int keys = g.keysSeen(i0 + rows - 1);
                    scores(g, task, i0, rows, keys, qd, kd, p);
                    for (int r = 0; r < rows; r++) {
                        logSumExp[task * g.lq() + i0 + r] = softmaxRow(g, task, i0 + r, keys, p, r * keys, mask);
                    }
                    drop.apply(g, task, i0, rows, keys, p);
                    int b = task / g.heads();
                    int h = task % g.heads();
                    product(g, false, false, rows, g.dv(), keys, 1f, p, 0, keys, vd, g.vAt(b, 0, h), g.vStride(),
                            0f, out, g.outAt(b, i0, h), g.outStride());
                }
            }
        });
        if (packed) {
            return CpuTensor.result("multiHeadSelfAttention", out, Shape.of(g.batch(), g.lq(), g.heads() * g.dv()), dOut -> {
                // the backward adds into its gradients: a spare array of the pass, zeroed
                float[] dqkv = SpareGradients.take(q.size());
                Arrays.fill(dqkv, 0f);
                backward(g, qd, kd, vd, dqkv, dqkv, dqkv, mask, drop, logSumExp, dOut);
                q.adoptGrad(dqkv);
            }, q);
        }
        return CpuTensor.result("multiHeadAttention", out, Shape.of(g.batch(), g.lq(), g.heads() * g.dv()), dOut -> {
            float[] dq = q.requiresGrad() ? new float[q.size()] : null;
            float[] dk = k.requiresGrad() ? new float[k.size()] : null;
            float[] dv = v.requiresGrad() ? new float[v.size()] : null;
            backward(g, qd, kd, vd, dq, dk, dv, mask, drop, logSumExp, dOut);
            if (dq != null) {
                q.adoptGrad(dq);
            }
            if (dk != null) {
                k.adoptGrad(dk);
            }
            if (dv != null) {
                v.adoptGrad(dv);
            }
        }, q, k, v);
    }

    /** {@code p[r, j] = (q_i . k_j) / sqrt(d)} for the block's rows and its first {@code keys} keys. */
    private static void scores(AttentionGeometry g, int task, int i0, int rows, int keys, float[] qd, float[] kd, float[] p) {
        int b = task / g.heads();
        int h = task % g.heads();
        product(g, false, true, rows, keys, g.d(), g.scale(), qd, g.qAt(b, i0, h), g.qStride(),
                kd, g.kAt(b, 0, h), g.kStride(), 0f, p, 0, keys);
    }

    /**
     * Keys, and widths of a head, up to which a task's products are {@link SmallProducts}: a
     * Vision Transformer's 16 tokens with heads of 16. Longer sequences run on the GEMM.
     */
    static final int SMALL_TILE = 32;

    /** {@link Gemm#sgemm}'s product, on {@link SmallProducts} when the tiles are small. */
    private static void product(AttentionGeometry g, boolean transA, boolean transB, int m, int n, int k, float alpha,
                                float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                float beta, float[] c, int cOff, int ldc) {
        if (g.lk() <= SMALL_TILE && g.d() <= SMALL_TILE && g.dv() <= SMALL_TILE && m > 0 && n > 0 && k > 0) {
            SmallProducts.multiply(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        } else {
            Gemm.sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        }
    }

    /** Turns one row of scores into probabilities over the keys it may see; returns its log-sum-exp. */
    private static float softmaxRow(AttentionGeometry g, int task, int i, int keys, float[] p, int off, float[] mask) {
        int b = task / g.heads();
        int last = g.lastKey(i);
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < keys; j++) {
            if (j > last || (mask != null && mask[b * g.lk() + j] == 0f)) {
                p[off + j] = Float.NEGATIVE_INFINITY;
            } else if (p[off + j] > max) {
                max = p[off + j];
            }
        }
        if (max == Float.NEGATIVE_INFINITY) {
            Arrays.fill(p, off, off + keys, 0f);
            return Float.POSITIVE_INFINITY; // exp(s - inf) = 0: the row stays zero in the backward pass
        }
        float sum = Exponentials.expShifted(p, off, keys, max);
        float inv = 1f / sum;
        for (int j = 0; j < keys; j++) {
            p[off + j] *= inv;
        }
        return max + (float) Math.log(sum);
    }

    /**
     * Per block: {@code P} recomputed from the log-sum-exp, {@code Pd} its dropped version,
     * {@code dv += Pd^T dOut}, {@code dPd = dOut v^T}, {@code D_i = sum_j dPd Pd},
     * {@code dS = P (dP - D) / sqrt(d)}, {@code dq = dS k}, {@code dk += dS^T q}. A task writes only
     * its own head's columns of dq, dk and dv, so tasks never share an element. The gradients,
     * zero on entry, are laid out as their inputs (they may be one array, as the inputs may); a
     * null one is not computed.
     */
    private static void backward(AttentionGeometry g, float[] qd, float[] kd, float[] vd, float[] dq, float[] dk, float[] dv,
                                 float[] mask, Dropping drop, float[] logSumExp, float[] dOut) {
        Parallel.forRange(g.batch() * g.heads(), 1, (start, end) -> {
            float[] p = new float[BLOCK * g.lk()];
            float[] pDropped = drop.active() ? new float[BLOCK * g.lk()] : p;
            float[] ds = new float[BLOCK * g.lk()];
            for (int task = start; task < end; task++) {
                int b = task / g.heads();
                int h = task % g.heads();
                for (int i0 = 0; i0 < g.lq(); i0 += BLOCK) {
                    int rows = Math.min(BLOCK, g.lq() - i0);
                    int keys = g.keysSeen(i0 + rows - 1);
                    scores(g, task, i0, rows, keys, qd, kd, p);
                    for (int r = 0; r < rows; r++) {
                        probabilities(g, b, i0 + r, keys, logSumExp[task * g.lq() + i0 + r], p, r * keys, mask);
                    }
                    if (drop.active()) {
                        System.arraycopy(p, 0, pDropped, 0, rows * keys);
                        drop.apply(g, task, i0, rows, keys, pDropped);
                    }
                    if (dv != null) {
                        product(g, true, false, keys, g.dv(), rows, 1f, pDropped, 0, keys, dOut, g.outAt(b, i0, h),
                                g.outStride(), 1f, dv, g.vAt(b, 0, h), g.vStride());
                    }
                    if (dq == null && dk == null) {
                        continue;
                    }
                    product(g, false, true, rows, keys, g.dv(), 1f, dOut, g.outAt(b, i0, h), g.outStride(),
                            vd, g.vAt(b, 0, h), g.vStride(), 0f, ds, 0, keys);
                    for (int r = 0; r < rows; r++) {
                        int off = r * keys;
                        float dot = dot(ds, pDropped, off, keys);
                        if (drop.active()) {
                            drop.scaleGradientRow(g, task, i0 + r, keys, ds, off);
                        }
                        // all in float, so that the JIT runs the loop in vector instructions
                        for (int j = 0; j < keys; j++) {
                            ds[off + j] = p[off + j] * (ds[off + j] - dot) * g.scale();
                        }
                    }
                    if (dq != null) {
                        product(g, false, false, rows, g.d(), keys, 1f, ds, 0, keys, kd, g.kAt(b, 0, h), g.kStride(),
                                0f, dq, g.qAt(b, i0, h), g.qStride());
                    }
                    if (dk != null) {
                        product(g, true, false, keys, g.d(), rows, 1f, ds, 0, keys, qd, g.qAt(b, i0, h), g.qStride(),
                                1f, dk, g.kAt(b, 0, h), g.kStride());
                    }
                }
            }
        });
    }

    /**
     * {@code sum_j a[off + j] b[off + j]} over a row of at most a context's length, in four running
     * float sums, so that the additions do not wait on one another.
     */
    private static float dot(float[] a, float[] b, int off, int len) {
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        int j = off;
        int end = off + len;
        for (; j + 4 <= end; j += 4) {
            s0 += a[j] * b[j];
            s1 += a[j + 1] * b[j + 1];
            s2 += a[j + 2] * b[j + 2];
            s3 += a[j + 3] * b[j + 3];
        }
        for (; j < end; j++) {
            s0 += a[j] * b[j];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Replaces the scores of one row by {@code exp(s - logSumExp)}, zero where the key is hidden. */
    private static void probabilities(AttentionGeometry g, int b, int i, int keys, float logSumExp, float[] p, int off,
                                      float[] mask) {
        int last = g.lastKey(i);
        for (int j = 0; j < keys; j++) {
            if (j > last || (mask != null && mask[b * g.lk() + j] == 0f)) {
                p[off + j] = Float.NEGATIVE_INFINITY; // exp gives 0
            }
        }
        Exponentials.expShifted(p, off, keys, logSumExp);
    }

    /**
     * The checked sizes and the strides of the interleaved heads: row {@code i} of head {@code h}
     * of sample {@code b} starts at {@code (b * len + i) * heads * width + h * width}.
     */
    /**
     * Dropout of the attention weights as a pure function of a seed and the weight's position:
     * weight {@code (task, i, j)} survives when a 64-bit mix of both, read as a uniform number in
     * {@code [0, 1)}, is at least {@code p}; survivors are scaled by {@code 1 / (1 - p)}.
     */
    private record Dropping(float p, long seed) {

        boolean active() {
            return p > 0f;
        }

        void apply(AttentionGeometry g, int task, int i0, int rows, int keys, float[] weights) {
            if (!active()) {
                return;
            }
            for (int r = 0; r < rows; r++) {
                scaleGradientRow(g, task, i0 + r, keys, weights, r * keys);
            }
        }

        /** Multiplies one row by the mask over {@code 1 - p} (the same factor forward and backward). */
        void scaleGradientRow(AttentionGeometry g, int task, int i, int keys, float[] row, int off) {
            float keep = 1f / (1f - p);
            long base = ((long) task * g.lq() + i) * g.lk();
            for (int j = 0; j < keys; j++) {
                row[off + j] = uniform(seed, base + j) >= p ? row[off + j] * keep : 0f;
            }
        }

        /** SplitMix64's finaliser of {@code seed + index * golden ratio}, as a float in {@code [0, 1)}. */
        private static float uniform(long seed, long index) {
            long z = seed + index * 0x9E3779B97F4A7C15L;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            z = z ^ (z >>> 31);
            return (z >>> 40) * 0x1.0p-24f;
        }
    }
}
