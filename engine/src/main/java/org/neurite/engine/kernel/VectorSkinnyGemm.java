package org.neurite.engine.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** {@link SkinnyGemm} on the Vector API: dot products and row updates a vector of floats at a time. */
final class VectorSkinnyGemm {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private VectorSkinnyGemm() {
    }

    static void multiply(boolean transB, int m, int n, int k, float alpha, float[] a, int aOff, int lda,
                         float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            int aRow = aOff + i * lda;
            int cRow = cOff + i * ldc;
            if (transB) {
                for (int j = 0; j < n; j++) {
                    c[cRow + j] = SkinnyGemm.blend(alpha * dot(a, aRow, b, bOff + j * ldb, k), beta, c[cRow + j]);
                }
            } else {
                SkinnyGemm.scaleRow(c, cRow, n, beta);
                for (int p = 0; p < k; p++) {
                    axpy(alpha * a[aRow + p], b, bOff + p * ldb, c, cRow, n);
                }
            }
        }
    }

    /** The dot product of {@code x[xOff, xOff + k)} and {@code y[yOff, yOff + k)}, two accumulators deep. */
    private static float dot(float[] x, int xOff, float[] y, int yOff, int k) {
        FloatVector acc0 = FloatVector.zero(S);
        FloatVector acc1 = FloatVector.zero(S);
        int p = 0;
        for (; p <= k - 2 * L; p += 2 * L) {
            acc0 = FloatVector.fromArray(S, x, xOff + p).fma(FloatVector.fromArray(S, y, yOff + p), acc0);
            acc1 = FloatVector.fromArray(S, x, xOff + p + L).fma(FloatVector.fromArray(S, y, yOff + p + L), acc1);
        }
        for (; p <= k - L; p += L) {
            acc0 = FloatVector.fromArray(S, x, xOff + p).fma(FloatVector.fromArray(S, y, yOff + p), acc0);
        }
        float sum = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
        for (; p < k; p++) {
            sum = Math.fma(x[xOff + p], y[yOff + p], sum);
        }
        return sum;
    }

    /** {@code z[zOff, zOff + n) += s * y[yOff, yOff + n)}. */
    private static void axpy(float s, float[] y, int yOff, float[] z, int zOff, int n) {
        FloatVector scale = FloatVector.broadcast(S, s);
        int j = 0;
        for (; j <= n - L; j += L) {
            FloatVector.fromArray(S, y, yOff + j).fma(scale, FloatVector.fromArray(S, z, zOff + j))
                    .intoArray(z, zOff + j);
        }
        for (; j < n; j++) {
            z[zOff + j] = Math.fma(s, y[yOff + j], z[zOff + j]);
        }
    }
}
