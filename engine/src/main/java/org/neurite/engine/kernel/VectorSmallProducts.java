package org.neurite.engine.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link SmallProducts} on the Vector API. Each row of C is built across its columns, a vector
 * (the last one masked) at a time, as {@code sum_p A[i, p] B[p, :]}, four rows together so that
 * their multiply-adds do not wait on one another. A transposed B ({@code [n, k]}, the keys of an
 * attention score) is first transposed into a scratch array per thread, so that its rows are
 * the columns of C.
 */
final class VectorSmallProducts implements SmallProducts.Products {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private final ThreadLocal<float[][]> scratch = ThreadLocal.withInitial(() -> new float[1][0]);

    @Override
    public void multiply(boolean transA, boolean transB, int m, int n, int k, float alpha,
                         float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                         float beta, float[] c, int cOff, int ldc) {
        if (transB) {
            float[][] holder = scratch.get();
            if (holder[0].length < k * n) {
                holder[0] = new float[k * n];
            }
            float[] bt = holder[0];
            for (int j = 0; j < n; j++) {
                int row = bOff + j * ldb;
                for (int p = 0; p < k; p++) {
                    bt[p * n + j] = b[row + p];
                }
            }
            b = bt;
            bOff = 0;
            ldb = n;
        }
        int aRow = transA ? 1 : lda;
        int aCol = transA ? lda : 1;
        for (int j = 0; j < n; j += L) {
            VectorMask<Float> cols = S.indexInRange(j, n);
            boolean whole = j + L <= n; // unmasked loads and stores, the JIT's fastest form
            int i = 0;
            for (; i + 4 <= m; i += 4) {
                FloatVector c0 = FloatVector.zero(S);
                FloatVector c1 = FloatVector.zero(S);
                FloatVector c2 = FloatVector.zero(S);
                FloatVector c3 = FloatVector.zero(S);
                int a0 = aOff + i * aRow;
                for (int p = 0; p < k; p++) {
                    FloatVector bp = load(b, bOff + p * ldb + j, whole, cols);
                    int ap = a0 + p * aCol;
                    c0 = bp.fma(FloatVector.broadcast(S, a[ap]), c0);
                    c1 = bp.fma(FloatVector.broadcast(S, a[ap + aRow]), c1);
                    c2 = bp.fma(FloatVector.broadcast(S, a[ap + 2 * aRow]), c2);
                    c3 = bp.fma(FloatVector.broadcast(S, a[ap + 3 * aRow]), c3);
                }
                store(c0, alpha, beta, c, cOff + i * ldc + j, whole, cols);
                store(c1, alpha, beta, c, cOff + (i + 1) * ldc + j, whole, cols);
                store(c2, alpha, beta, c, cOff + (i + 2) * ldc + j, whole, cols);
                store(c3, alpha, beta, c, cOff + (i + 3) * ldc + j, whole, cols);
            }
            for (; i < m; i++) {
                FloatVector c0 = FloatVector.zero(S);
                int a0 = aOff + i * aRow;
                for (int p = 0; p < k; p++) {
                    c0 = load(b, bOff + p * ldb + j, whole, cols).fma(FloatVector.broadcast(S, a[a0 + p * aCol]), c0);
                }
                store(c0, alpha, beta, c, cOff + i * ldc + j, whole, cols);
            }
        }
    }

    /** The vector at {@code x[at]}, only the lanes in {@code cols} unless {@code whole}. */
    private static FloatVector load(float[] x, int at, boolean whole, VectorMask<Float> cols) {
        return whole ? FloatVector.fromArray(S, x, at) : FloatVector.fromArray(S, x, at, cols);
    }

    /** {@code C[at ..] = alpha sum + beta C[at ..]} over the columns in {@code cols} (all of them when {@code whole}). */
    private static void store(FloatVector sum, float alpha, float beta, float[] c, int at, boolean whole,
                              VectorMask<Float> cols) {
        FloatVector v = alpha == 1f ? sum : sum.mul(alpha);
        if (beta != 0f) {
            v = load(c, at, whole, cols).mul(beta).add(v);
        }
        if (whole) {
            v.intoArray(c, at);
        } else {
            v.intoArray(c, at, cols);
        }
    }
}
