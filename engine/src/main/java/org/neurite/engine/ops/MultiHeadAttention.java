package org.neurite.engine.ops;

import java.util.Arrays;
import java.util.random.RandomGenerator;

import org.neurite.api.Mode;
import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;
import org.neurite.engine.kernel.Parallel;
import org.neurite.engine.tensor.CpuTensor;

/**
 * Fused multi-head attention over {@code [batch, time, heads * width]} tensors, with a key
 * padding mask, a causal mask and dropout on the attention weights.
 *
 * <p>The work is split into tasks of one (sample, head) each, spread over the engine's threads.
 * A task copies its head's keys into a transposed scratch {@code [d, lk]} once, then walks its
 * queries one row at a time: the row's scores against the keys it may see (a causal row stops at
 * its last key, so the masked half is never computed), turned into probabilities in place and
 * added up over the values. Every inner loop runs along contiguous memory (the keys of the
 * scratch, a head's slice of a row), which the JIT turns into vector instructions; at the
 * examples' sizes (64 keys, heads of 16 or 32) this beats packing the tiny products for the GEMM.
 * Only each row's log-sum-exp is kept for the backward pass, which recomputes the row's
 * probabilities from it (as FlashAttention does) instead of storing {@code [lq, lk]} per head.
 *
 * <p>Dropout draws no mask to store: whether weight {@code (task, i, j)} survives is a hash of one
 * seed drawn per call and the weight's index, so the backward pass regenerates the same mask.
 */
public final class MultiHeadAttention {

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
        Geometry g = Geometry.check(q, k, v, heads, keyPadding, causal);
        boolean drops = mode == Mode.TRAINING && dropout > 0f;
        Dropping drop = new Dropping(drops ? dropout : 0f, drops ? random.nextLong() : 0L);
        float[] out = new float[g.batch * g.lq * g.heads * g.dv];
        float[] logSumExp = new float[g.batch * g.heads * g.lq];
        float[] mask = keyPadding == null ? null : keyPadding.data();
        float[] qd = q.data();
        float[] kd = k.data();
        float[] vd = v.data();
        Parallel.forRange(g.batch * g.heads, 1, (start, end) -> {
            float[] p = new float[g.lk];
            float[] kt = new float[g.d * g.lk];
            for (int task = start; task < end; task++) {
                int b = task / g.heads;
                int h = task % g.heads;
                transpose(kd, g.kAt(b, 0, h), g.kStride(), g.lk, g.d, kt);
                for (int i = 0; i < g.lq; i++) {
                    int n = g.keysSeen(i);
                    scores(g, qd, g.qAt(b, i, h), kt, n, p);
                    logSumExp[task * g.lq + i] = softmaxRow(g, b, i, n, p, mask);
                    drop.scaleRow(g, task, i, n, p);
                    int o = g.outAt(b, i, h);
                    for (int j = 0; j < n; j++) {
                        axpy(p[j], vd, g.vAt(b, j, h), out, o, g.dv);
                    }
                }
            }
        });
        return CpuTensor.result("multiHeadAttention", out, Shape.of(g.batch, g.lq, g.heads * g.dv),
                dOut -> backward(g, q, k, v, mask, drop, logSumExp, dOut), q, k, v);
    }

    /** {@code p[j] = (q_i . k_j) / sqrt(d)} for the first {@code n} keys, from the keys transposed {@code [d, lk]}. */
    private static void scores(Geometry g, float[] qd, int qi, float[] kt, int n, float[] p) {
        Arrays.fill(p, 0, n, 0f);
        for (int c = 0; c < g.d; c++) {
            float a = qd[qi + c] * g.scale;
            int row = c * g.lk;
            for (int j = 0; j < n; j++) {
                p[j] += a * kt[row + j];
            }
        }
    }

    /** {@code y[yo .. yo+len) += a x[xo .. xo+len)}, skipped for {@code a = 0} (masked or dropped weights). */
    private static void axpy(float a, float[] x, int xo, float[] y, int yo, int len) {
        if (a == 0f) {
            return;
        }
        for (int c = 0; c < len; c++) {
            y[yo + c] += a * x[xo + c];
        }
    }

    /** One head's rows {@code [rows, width]} (every {@code stride}-th value from {@code at}) into {@code t [width, rows]}. */
    private static void transpose(float[] src, int at, int stride, int rows, int width, float[] t) {
        for (int j = 0; j < rows; j++) {
            int from = at + j * stride;
            for (int c = 0; c < width; c++) {
                t[c * rows + j] = src[from + c];
            }
        }
    }

    /**
     * Turns the scores of query {@code i} against its first {@code n} keys into probabilities
     * (hidden keys 0); returns the row's log-sum-exp, {@code +inf} when every key is hidden.
     */
    private static float softmaxRow(Geometry g, int b, int i, int n, float[] p, float[] mask) {
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            if (mask != null && mask[b * g.lk + j] == 0f) {
                p[j] = Float.NEGATIVE_INFINITY;
            } else if (p[j] > max) {
                max = p[j];
            }
        }
        if (max == Float.NEGATIVE_INFINITY) {
            Arrays.fill(p, 0, n, 0f);
            return Float.POSITIVE_INFINITY; // exp(s - inf) = 0: the row stays zero in the backward pass
        }
        double sum = 0;
        for (int j = 0; j < n; j++) {
            float e = (float) Math.exp(p[j] - max);
            p[j] = e;
            sum += e;
        }
        float inv = (float) (1.0 / sum);
        for (int j = 0; j < n; j++) {
            p[j] *= inv;
        }
        return max + (float) Math.log(sum);
    }

    /**
     * Per query row {@code i}: {@code P} recomputed from the log-sum-exp, {@code Pd} its dropped
     * version, {@code dv_j += Pd_j dOut_i}, {@code dPd_j = dOut_i . v_j}, {@code D = sum_j dPd Pd},
     * {@code dS = P (dP - D) / sqrt(d)}, {@code dq_i = sum_j dS_j k_j}, {@code dk_j += dS_j q_i}.
     * A task writes only its own head's columns of dq, dk and dv, so tasks never share an element.
     */
    private static void backward(Geometry g, CpuTensor q, CpuTensor k, CpuTensor v, float[] mask, Dropping drop,
                                 float[] logSumExp, float[] dOut) {
        float[] dq = q.requiresGrad() ? new float[q.size()] : null;
        float[] dk = k.requiresGrad() ? new float[k.size()] : null;
        float[] dv = v.requiresGrad() ? new float[v.size()] : null;
        float[] qd = q.data();
        float[] kd = k.data();
        float[] vd = v.data();
        Parallel.forRange(g.batch * g.heads, 1, (start, end) -> {
            float[] p = new float[g.lk];
            float[] pDropped = drop.active() ? new float[g.lk] : p;
            float[] ds = new float[g.lk];
            float[] kt = new float[g.d * g.lk];
            float[] vt = new float[g.dv * g.lk];
            for (int task = start; task < end; task++) {
                int b = task / g.heads;
                int h = task % g.heads;
                transpose(kd, g.kAt(b, 0, h), g.kStride(), g.lk, g.d, kt);
                transpose(vd, g.vAt(b, 0, h), g.vStride(), g.lk, g.dv, vt);
                for (int i = 0; i < g.lq; i++) {
                    int n = g.keysSeen(i);
                    int qi = g.qAt(b, i, h);
                    int o = g.outAt(b, i, h);
                    scores(g, qd, qi, kt, n, p);
                    probabilities(g, b, n, logSumExp[task * g.lq + i], p, mask);
                    if (drop.active()) {
                        System.arraycopy(p, 0, pDropped, 0, n);
                        drop.scaleRow(g, task, i, n, pDropped);
                    }
                    if (dv != null) {
                        for (int j = 0; j < n; j++) {
                            axpy(pDropped[j], dOut, o, dv, g.vAt(b, j, h), g.dv);
                        }
                    }
                    if (dq == null && dk == null) {
                        continue;
                    }
                    Arrays.fill(ds, 0, n, 0f);
                    for (int c = 0; c < g.dv; c++) {
                        float a = dOut[o + c];
                        int row = c * g.lk;
                        for (int j = 0; j < n; j++) {
                            ds[j] += a * vt[row + j];
                        }
                    }
                    double dot = 0;
                    for (int j = 0; j < n; j++) {
                        dot += ds[j] * (double) pDropped[j];
                    }
                    drop.scaleRow(g, task, i, n, ds);
                    float d = (float) dot;
                    for (int j = 0; j < n; j++) {
                        ds[j] = p[j] * (ds[j] - d) * g.scale;
                    }
                    for (int j = 0; j < n; j++) {
                        if (dq != null) {
                            axpy(ds[j], kd, g.kAt(b, j, h), dq, qi, g.d);
                        }
                        if (dk != null) {
                            axpy(ds[j], qd, qi, dk, g.kAt(b, j, h), g.d);
                        }
                    }
                }
            }
        });
        if (dq != null) {
            q.accumulateGrad(dq);
        }
        if (dk != null) {
            k.accumulateGrad(dk);
        }
        if (dv != null) {
            v.accumulateGrad(dv);
        }
    }

    /** Replaces the scores of one row by {@code exp(s - logSumExp)}, zero where the key is hidden. */
    private static void probabilities(Geometry g, int b, int n, float logSumExp, float[] p, float[] mask) {
        for (int j = 0; j < n; j++) {
            boolean hidden = mask != null && mask[b * g.lk + j] == 0f;
            p[j] = hidden ? 0f : (float) Math.exp(p[j] - logSumExp);
        }
    }

    /**
     * The checked sizes and the strides of the interleaved heads: row {@code i} of head {@code h}
     * of sample {@code b} starts at {@code (b * len + i) * heads * width + h * width}.
     */
    private record Geometry(int batch, int lq, int lk, int heads, int d, int dv, boolean causal, float scale) {

        static Geometry check(CpuTensor q, CpuTensor k, CpuTensor v, int heads, CpuTensor keyPadding,
                              boolean causal) {
            Shape qs = q.shape();
            Shape ks = k.shape();
            Shape vs = v.shape();
            if (heads < 1) {
                throw new IllegalArgumentException("multiHeadAttention: heads must be at least 1, got " + heads);
            }
            boolean fits = qs.rank() == 3 && ks.rank() == 3 && vs.rank() == 3
                    && ks.dim(0) == qs.dim(0) && vs.dim(0) == qs.dim(0) && vs.dim(1) == ks.dim(1)
                    && ks.dim(2) == qs.dim(2) && qs.dim(2) % heads == 0 && vs.dim(2) % heads == 0;
            if (!fits) {
                throw new ShapeMismatchException("multiHeadAttention: q " + qs + ", k " + ks + ", v " + vs
                        + " must be [batch, lq, heads * d], [batch, lk, heads * d], [batch, lk, heads * dv]"
                        + " with " + heads + " heads");
            }
            if (keyPadding != null && !keyPadding.shape().equals(Shape.of(ks.dim(0), ks.dim(1)))) {
                throw new ShapeMismatchException("multiHeadAttention: key padding mask " + keyPadding.shape()
                        + " must be [batch, lk] = " + Shape.of(ks.dim(0), ks.dim(1)));
            }
            int d = qs.dim(2) / heads;
            return new Geometry(qs.dim(0), qs.dim(1), ks.dim(1), heads, d, vs.dim(2) / heads, causal,
                    (float) (1.0 / Math.sqrt(d)));
        }

        /** @return the last key query {@code i} may see, by the causal rule; {@code lk - 1} without it */
        int lastKey(int i) {
            return causal ? Math.min(lk - 1, i + lk - lq) : lk - 1;
        }

        /** @return how many leading keys query {@code i} and the rows before it may see */
        int keysSeen(int i) {
            return Math.max(0, lastKey(i) + 1);
        }

        int qStride() {
            return heads * d;
        }

        int kStride() {
            return heads * d;
        }

        int vStride() {
            return heads * dv;
        }

        int qAt(int b, int i, int h) {
            return (b * lq + i) * qStride() + h * d;
        }

        int kAt(int b, int j, int h) {
            return (b * lk + j) * kStride() + h * d;
        }

        int vAt(int b, int j, int h) {
            return (b * lk + j) * vStride() + h * dv;
        }

        int outAt(int b, int i, int h) {
            return (b * lq + i) * vStride() + h * dv;
        }
    }

    /**
     * Dropout of the attention weights as a pure function of a seed and the weight's position:
     * weight {@code (task, i, j)} survives when a 64-bit mix of both, read as a uniform number in
     * {@code [0, 1)}, is at least {@code p}; survivors are scaled by {@code 1 / (1 - p)}.
     */
    private record Dropping(float p, long seed) {

        boolean active() {
            return p > 0f;
        }

        /** Multiplies row {@code i}'s first {@code n} weights (or their gradients) by the mask over {@code 1 - p}. */
        void scaleRow(Geometry g, int task, int i, int n, float[] row) {
            if (!active()) {
                return;
            }
            float keep = 1f / (1f - p);
            long base = ((long) task * g.lq + i) * g.lk;
            for (int j = 0; j < n; j++) {
                row[j] = uniform(seed, base + j) >= p ? row[j] * keep : 0f;
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
