package org.neurite.engine.ops;

import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;
import org.neurite.engine.kernel.Gemm;
import org.neurite.engine.kernel.Parallel;
import org.neurite.engine.tensor.CpuTensor;

/**
 * Scaled dot-product attention {@code softmax(q k^T / sqrt(d) + mask) v} over {@code [..., L, d]}.
 * Each batch slice takes two matrix products forward ({@code q k^T}, {@code p v}) with a stable
 * softmax between them, and four backward; slices are split over the engine's threads.
 *
 * <p>A query row whose every key is masked attends to nothing: its output and gradients are zero
 * (rather than the NaN a literal {@code -inf} mask would give).
 */
public final class Attention {

    private Attention() {
    }

    /**
     * Attends queries to keys and mixes the values.
     *
     * @param q queries {@code [..., lq, d]}
     * @param k keys {@code [..., lk, d]}, with q's leading axes
     * @param v values {@code [..., lk, dv]}, with q's leading axes
     * @param mask non-zero where a query must not attend to a key, broadcast to {@code [..., lq, lk]}; or null
     * @param causal whether query {@code i} may attend only to keys {@code j <= i}
     * @return {@code [..., lq, dv]}
     * @throws ShapeMismatchException if the shapes do not fit together
     */
    public static CpuTensor scaledDotProduct(CpuTensor q, CpuTensor k, CpuTensor v, CpuTensor mask, boolean causal) {
        Dims n = Dims.check(q, k, v);
        MaskLookup masked = MaskLookup.of(mask, n, q.shape());
        float scale = (float) (1.0 / Math.sqrt(n.d));
        float[] qd = q.data();
        float[] kd = k.data();
        float[] vd = v.data();
        float[] probs = new float[n.batch * n.lq * n.lk];
        float[] out = new float[n.batch * n.lq * n.dv];
        Parallel.forRange(n.batch, 1, (start, end) -> {
            for (int b = start; b < end; b++) {
                int pOff = b * n.lq * n.lk;
                Gemm.sgemm(false, true, n.lq, n.lk, n.d, scale, qd, b * n.lq * n.d, n.d, kd, b * n.lk * n.d, n.d,
                        0f, probs, pOff, n.lk);
                for (int i = 0; i < n.lq; i++) {
                    softmaxRow(probs, pOff + i * n.lk, n.lk, b, i, causal, masked);
                }
                Gemm.sgemm(false, false, n.lq, n.dv, n.lk, 1f, probs, pOff, n.lk, vd, b * n.lk * n.dv, n.dv,
                        0f, out, b * n.lq * n.dv, n.dv);
            }
        });
        int[] outDims = q.shape().dims();
        outDims[outDims.length - 1] = n.dv;
        return CpuTensor.result("scaledDotProductAttention", out, Shape.of(outDims),
                dOut -> backward(n, q, k, v, probs, scale, dOut), q, k, v);
    }

    /** Turns one row of scores into probabilities over its unmasked keys, in place. */
    private static void softmaxRow(float[] s, int off, int lk, int b, int i, boolean causal, MaskLookup masked) {
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < lk; j++) {
            if ((causal && j > i) || masked.test(b, i, j)) {
                s[off + j] = Float.NEGATIVE_INFINITY;
            } else if (s[off + j] > max) {
                max = s[off + j];
            }
        }
        if (max == Float.NEGATIVE_INFINITY) {
            java.util.Arrays.fill(s, off, off + lk, 0f);
            return;
        }
        double sum = 0;
        for (int j = 0; j < lk; j++) {
            float e = (float) Math.exp(s[off + j] - max);
            s[off + j] = e;
            sum += e;
        }
        float inv = (float) (1.0 / sum);
        for (int j = 0; j < lk; j++) {
            s[off + j] *= inv;
        }
    }

    /**
     * {@code dv = p^T dOut}, {@code dp = dOut v^T}, {@code ds = p (dp - rowsum(dp p)) / sqrt(d)},
     * {@code dq = ds k}, {@code dk = ds^T q}; each slice writes only its own part of the gradients.
     */
    private static void backward(Dims n, CpuTensor q, CpuTensor k, CpuTensor v, float[] probs, float scale,
                                 float[] dOut) {
        boolean needQ = q.requiresGrad();
        boolean needK = k.requiresGrad();
        float[] dq = needQ ? new float[q.size()] : null;
        float[] dk = needK ? new float[k.size()] : null;
        float[] dv = v.requiresGrad() ? new float[v.size()] : null;
        float[] qd = q.data();
        float[] kd = k.data();
        float[] vd = v.data();
        Parallel.forRange(n.batch, 1, (start, end) -> {
            float[] ds = new float[n.lq * n.lk];
            for (int b = start; b < end; b++) {
                int pOff = b * n.lq * n.lk;
                int oOff = b * n.lq * n.dv;
                int vOff = b * n.lk * n.dv;
                if (dv != null) {
                    Gemm.sgemm(true, false, n.lk, n.dv, n.lq, 1f, probs, pOff, n.lk, dOut, oOff, n.dv,
                            0f, dv, vOff, n.dv);
                }
                if (!needQ && !needK) {
                    continue;
                }
                Gemm.sgemm(false, true, n.lq, n.lk, n.dv, 1f, dOut, oOff, n.dv, vd, vOff, n.dv, 0f, ds, 0, n.lk);
                for (int i = 0; i < n.lq; i++) {
                    int row = i * n.lk;
                    double dot = 0;
                    for (int j = 0; j < n.lk; j++) {
                        dot += ds[row + j] * (double) probs[pOff + row + j];
                    }
                    for (int j = 0; j < n.lk; j++) {
                        ds[row + j] = probs[pOff + row + j] * (float) (ds[row + j] - dot) * scale;
                    }
                }
                if (needQ) {
                    Gemm.sgemm(false, false, n.lq, n.d, n.lk, 1f, ds, 0, n.lk, kd, b * n.lk * n.d, n.d,
                            0f, dq, b * n.lq * n.d, n.d);
                }
                if (needK) {
                    Gemm.sgemm(true, false, n.lk, n.d, n.lq, 1f, ds, 0, n.lk, qd, b * n.lq * n.d, n.d,
                            0f, dk, b * n.lk * n.d, n.d);
                }
            }
        });
        if (needQ) {
            q.accumulateGrad(dq);
        }
        if (needK) {
            k.accumulateGrad(dk);
        }
        if (dv != null) {
            v.accumulateGrad(dv);
        }
    }

    /**
     * The checked sizes: {@code batch} slices (the product of the leading axes), each with
     * {@code lq} queries and {@code lk} keys of width {@code d}, and values of width {@code dv}.
     */
    private record Dims(int batch, int lq, int lk, int d, int dv) {

        static Dims check(CpuTensor q, CpuTensor k, CpuTensor v) {
            Shape qs = q.shape();
            Shape ks = k.shape();
            Shape vs = v.shape();
            int r = qs.rank();
            boolean fits = r >= 2 && ks.rank() == r && vs.rank() == r
                    && ks.sub(0, r - 2).equals(qs.sub(0, r - 2)) && vs.sub(0, r - 2).equals(qs.sub(0, r - 2))
                    && ks.dim(r - 1) == qs.dim(r - 1) && vs.dim(r - 2) == ks.dim(r - 2);
            if (!fits) {
                throw new ShapeMismatchException("scaledDotProductAttention: q " + qs + ", k " + ks + ", v " + vs
                        + " must be [..., lq, d], [..., lk, d], [..., lk, dv] with the same leading axes");
            }
            return new Dims(qs.sub(0, r - 2).intSize(), qs.dim(r - 2), ks.dim(r - 2), qs.dim(r - 1), vs.dim(r - 1));
        }
    }

    /** Whether the mask is set at {@code (slice b, query i, key j)}, following the broadcast rules. */
    private record MaskLookup(float[] values, int[] sliceOffset, int rowStride, int colStride) {

        static MaskLookup of(CpuTensor mask, Dims n, Shape qShape) {
            if (mask == null) {
                return new MaskLookup(null, null, 0, 0);
            }
            int r = qShape.rank();
            int[] target = qShape.dims();
            target[r - 1] = n.lk;
            Shape ms = mask.shape();
            if (ms.rank() > r) {
                throw mismatch(ms, target);
            }
            // strides of the mask seen as a tensor of the target's rank, 0 along broadcast axes
            int[] strides = new int[r];
            int stride = 1;
            for (int a = r - 1, m = ms.rank() - 1; a >= 0; a--, m--) {
                int md = m >= 0 ? ms.dim(m) : 1;
                if (md != target[a] && md != 1) {
                    throw mismatch(ms, target);
                }
                strides[a] = md == 1 ? 0 : stride;
                stride *= md;
            }
            int[] sliceOffset = new int[n.batch];
            for (int b = 0; b < n.batch; b++) {
                int rest = b;
                int off = 0;
                for (int a = r - 3; a >= 0; a--) {
                    off += (rest % target[a]) * strides[a];
                    rest /= target[a];
                }
                sliceOffset[b] = off;
            }
            return new MaskLookup(mask.data(), sliceOffset, strides[r - 2], strides[r - 1]);
        }

        private static ShapeMismatchException mismatch(Shape mask, int[] target) {
            return new ShapeMismatchException("scaledDotProductAttention: mask " + mask
                    + " does not broadcast to the scores " + Shape.of(target));
        }

        boolean test(int b, int i, int j) {
            return values != null && values[sliceOffset[b] + i * rowStride + j * colStride] != 0f;
        }
    }
}
