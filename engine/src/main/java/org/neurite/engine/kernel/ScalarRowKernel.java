package org.neurite.engine.kernel;

import java.util.Arrays;

/** The plain-Java {@link RowKernel}: what {@link VectorRowKernel} computes, one float at a time. */
final class ScalarRowKernel extends RowKernel {

    @Override
    void dots(float[] row, int r, int n, int k, float[] b, int bOff, int ldb, float[] sum) {
        for (int j = 0; j < n; j++) {
            int bj = bOff + j * ldb;
            float acc = 0f;
            for (int p = 0; p < k; p++) {
                acc += row[r + p] * b[bj + p];
            }
            sum[j] = acc;
        }
    }

    @Override
    void rowSums(float[] row, int r, int n, int k, float[] b, int bOff, int ldb, float[] sum) {
        Arrays.fill(sum, 0, n, 0f);
        for (int p = 0; p < k; p++) {
            float x = row[r + p];
            int bp = bOff + p * ldb;
            for (int j = 0; j < n; j++) {
                sum[j] += x * b[bp + j];
            }
        }
    }
}
