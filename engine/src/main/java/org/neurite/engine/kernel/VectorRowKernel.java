package org.neurite.engine.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API {@link RowKernel}. With B transposed (a dense layer's weight {@code [out, in]}),
 * each output is a dot product of the row of A with a row of B: four rows of B at a time share
 * each load of A. Otherwise the row of C is a sum of rows of B scaled by A's values, four
 * vectors of columns at a time held in registers over the whole depth. Loaded only when
 * {@code jdk.incubator.vector} is present, see {@link KernelChoice}.
 */
final class VectorRowKernel extends RowKernel {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    @Override
    void dots(float[] row, int r, int n, int k, float[] b, int bOff, int ldb, float[] sum) {
        int kv = k - k % L;
        int j = 0;
        for (; j + 4 <= n; j += 4) {
            int b0 = bOff + j * ldb;
            int b1 = b0 + ldb;
            int b2 = b1 + ldb;
            int b3 = b2 + ldb;
            FloatVector s0 = FloatVector.zero(S), s1 = FloatVector.zero(S);
            FloatVector s2 = FloatVector.zero(S), s3 = FloatVector.zero(S);
            for (int p = 0; p < kv; p += L) {
                FloatVector x = FloatVector.fromArray(S, row, r + p);
                s0 = x.fma(FloatVector.fromArray(S, b, b0 + p), s0);
                s1 = x.fma(FloatVector.fromArray(S, b, b1 + p), s1);
                s2 = x.fma(FloatVector.fromArray(S, b, b2 + p), s2);
                s3 = x.fma(FloatVector.fromArray(S, b, b3 + p), s3);
            }
            float t0 = s0.reduceLanes(VectorOperators.ADD);
            float t1 = s1.reduceLanes(VectorOperators.ADD);
            float t2 = s2.reduceLanes(VectorOperators.ADD);
            float t3 = s3.reduceLanes(VectorOperators.ADD);
            for (int p = kv; p < k; p++) {
                float x = row[r + p];
                t0 += x * b[b0 + p];
                t1 += x * b[b1 + p];
                t2 += x * b[b2 + p];
                t3 += x * b[b3 + p];
            }
            sum[j] = t0;
            sum[j + 1] = t1;
            sum[j + 2] = t2;
            sum[j + 3] = t3;
        }
        for (; j < n; j++) {
            int bj = bOff + j * ldb;
            FloatVector s0 = FloatVector.zero(S);
            for (int p = 0; p < kv; p += L) {
                s0 = FloatVector.fromArray(S, row, r + p).fma(FloatVector.fromArray(S, b, bj + p), s0);
            }
            float t = s0.reduceLanes(VectorOperators.ADD);
            for (int p = kv; p < k; p++) {
                t += row[r + p] * b[bj + p];
            }
            sum[j] = t;
        }
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
