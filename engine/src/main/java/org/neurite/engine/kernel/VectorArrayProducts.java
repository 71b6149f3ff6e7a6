package org.neurite.engine.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API {@link CpuArrayKernels.Products}: a query against cached keys is a dot product
 * per key, four keys at a time sharing each load of the query; the weighted sum of cached values
 * keeps its columns in registers over all the keys. Loaded only when {@code jdk.incubator.vector}
 * is present, see {@link KernelChoice}.
 */
final class VectorArrayProducts implements CpuArrayKernels.Products {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    @Override
    public void dots(float[] x, int xOff, int k, float[] m, int mOff, int ldm, int n, float[] y, int yOff) {
        dotRows(x, xOff, k, m, mOff, ldm, n, y, yOff);
    }

    /**
     * {@code y[yOff + j] = x . m[mOff + j ldm, ...]} over {@code k} for {@code j < n}; also the row
     * kernel's products with a transposed B ({@link VectorRowKernel}).
     */
    static void dotRows(float[] x, int xOff, int k, float[] m, int mOff, int ldm, int n, float[] y, int yOff) {
        int j = 0;
        for (; j + 4 <= n; j += 4) {
            dot4(x, xOff, k, m, mOff + j * ldm, ldm, y, yOff + j);
        }
        for (; j < n; j++) {
            y[yOff + j] = dot1(x, xOff, k, m, mOff + j * ldm);
        }
    }

    @Override
    public void weightedSum(float[] a, int aOff, int n, float[] m, int mOff, int ldm, int k, float[] y, int yOff) {
        int p = 0;
        for (; p + 2 * L <= k; p += 2 * L) {
            FloatVector s0 = FloatVector.zero(S);
            FloatVector s1 = FloatVector.zero(S);
            for (int j = 0; j < n; j++) {
                FloatVector aj = FloatVector.broadcast(S, a[aOff + j]);
                int row = mOff + j * ldm + p;
                s0 = aj.fma(FloatVector.fromArray(S, m, row), s0);
                s1 = aj.fma(FloatVector.fromArray(S, m, row + L), s1);
            }
            s0.intoArray(y, yOff + p);
            s1.intoArray(y, yOff + p + L);
        }
        for (; p + L <= k; p += L) {
            FloatVector s0 = FloatVector.zero(S);
            for (int j = 0; j < n; j++) {
                s0 = FloatVector.broadcast(S, a[aOff + j]).fma(FloatVector.fromArray(S, m, mOff + j * ldm + p), s0);
            }
            s0.intoArray(y, yOff + p);
        }
        for (; p < k; p++) {
            float s = 0f;
            for (int j = 0; j < n; j++) {
                s += a[aOff + j] * m[mOff + j * ldm + p];
            }
            y[yOff + p] = s;
        }
    }

    /** {@code y[at + r] = x . m[b0 + r ldm, ...]} for the four rows {@code r < 4}. */
    private static void dot4(float[] x, int xOff, int k, float[] m, int b0, int ldm, float[] y, int at) {
        int b1 = b0 + ldm;
        int b2 = b1 + ldm;
        int b3 = b2 + ldm;
        int kv = k - k % L;
        FloatVector s0 = FloatVector.zero(S), s1 = FloatVector.zero(S);
        FloatVector s2 = FloatVector.zero(S), s3 = FloatVector.zero(S);
        for (int p = 0; p < kv; p += L) {
            FloatVector v = FloatVector.fromArray(S, x, xOff + p);
            s0 = v.fma(FloatVector.fromArray(S, m, b0 + p), s0);
            s1 = v.fma(FloatVector.fromArray(S, m, b1 + p), s1);
            s2 = v.fma(FloatVector.fromArray(S, m, b2 + p), s2);
            s3 = v.fma(FloatVector.fromArray(S, m, b3 + p), s3);
        }
        float t0 = s0.reduceLanes(VectorOperators.ADD);
        float t1 = s1.reduceLanes(VectorOperators.ADD);
        float t2 = s2.reduceLanes(VectorOperators.ADD);
        float t3 = s3.reduceLanes(VectorOperators.ADD);
        for (int p = kv; p < k; p++) {
            float v = x[xOff + p];
            t0 += v * m[b0 + p];
            t1 += v * m[b1 + p];
            t2 += v * m[b2 + p];
            t3 += v * m[b3 + p];
        }
        y[at] = t0;
        y[at + 1] = t1;
        y[at + 2] = t2;
        y[at + 3] = t3;
    }

    /** {@code x . m[b0, ...]} over {@code k}. */
    private static float dot1(float[] x, int xOff, int k, float[] m, int b0) {
        int kv = k - k % L;
        FloatVector s = FloatVector.zero(S);
        for (int p = 0; p < kv; p += L) {
            s = FloatVector.fromArray(S, x, xOff + p).fma(FloatVector.fromArray(S, m, b0 + p), s);
        }
        float t = s.reduceLanes(VectorOperators.ADD);
        for (int p = kv; p < k; p++) {
            t += x[xOff + p] * m[b0 + p];
        }
        return t;
    }
}
