package org.neurite.engine.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API {@link RowKernel}. With B transposed (a dense layer's weight {@code [out, in]}),
 * each output is a dot product of the row of A with a row of B, four rows of B at a time sharing
 * each load of A ({@link VectorArrayProducts#dotRows}, which generation steps use too). Otherwise
 * the row of C is a sum of rows of B scaled by A's values, four vectors of columns at a time held
 * in registers over the whole depth. Loaded only when
 * {@code jdk.incubator.vector} is present, see {@link KernelChoice}.
 */
final class VectorRowKernel extends RowKernel {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    @Override
    void dots(float[] row, int r, int n, int k, float[] b, int bOff, int ldb, float[] sum) {
        VectorArrayProducts.dotRows(row, r, k, b, bOff, ldb, n, sum, 0);
    }

    @Override
    void rowSums(float[] row, int r, int n, int k, float[] b, int bOff, int ldb, float[] sum) {
        int j = 0;
        for (; j + 4 * L <= n; j += 4 * L) {
            FloatVector s0 = FloatVector.zero(S), s1 = FloatVector.zero(S);
            FloatVector s2 = FloatVector.zero(S), s3 = FloatVector.zero(S);
            for (int p = 0; p < k; p++) {
                FloatVector x = FloatVector.broadcast(S, row[r + p]);
                int bp = bOff + p * ldb + j;
                s0 = x.fma(FloatVector.fromArray(S, b, bp), s0);
                s1 = x.fma(FloatVector.fromArray(S, b, bp + L), s1);
                s2 = x.fma(FloatVector.fromArray(S, b, bp + 2 * L), s2);
                s3 = x.fma(FloatVector.fromArray(S, b, bp + 3 * L), s3);
            }
            s0.intoArray(sum, j);
            s1.intoArray(sum, j + L);
            s2.intoArray(sum, j + 2 * L);
            s3.intoArray(sum, j + 3 * L);
        }
        for (; j + L <= n; j += L) {
            FloatVector s0 = FloatVector.zero(S);
            for (int p = 0; p < k; p++) {
                s0 = FloatVector.broadcast(S, row[r + p]).fma(FloatVector.fromArray(S, b, bOff + p * ldb + j), s0);
            }
            s0.intoArray(sum, j);
        }
        for (; j < n; j++) {
            float t = 0f;
            for (int p = 0; p < k; p++) {
                t += row[r + p] * b[bOff + p * ldb + j];
            }
            sum[j] = t;
        }
    }
}
