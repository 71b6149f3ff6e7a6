package org.neurite.engine.kernel;

/** The plain-Java {@link RowKernel}: what {@link VectorRowKernel} computes, one float at a time. */
final class ScalarRowKernel implements RowKernel {

    private final ThreadLocal<float[][]> scratch = ThreadLocal.withInitial(() -> new float[2][0]);

    @Override
    public void multiply(boolean transA, boolean transB, int m, int n, int k, float alpha,
                         float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                         float beta, float[] c, int cOff, int ldc) {
        float[][] s = scratch.get();
        if (s[0].length < k) {
            s[0] = new float[k];
        }
        if (s[1].length < n) {
            s[1] = new float[n];
        }
        float[] sum = s[1];
        for (int i = 0; i < m; i++) {
            float[] row = RowKernel.row(transA, a, aOff, lda, i, k, s[0]);
            int r = transA ? 0 : aOff + i * lda;
            if (transB) {
                for (int j = 0; j < n; j++) {
                    int bj = bOff + j * ldb;
                    float acc = 0f;
                    for (int p = 0; p < k; p++) {
                        acc += row[r + p] * b[bj + p];
                    }
                    sum[j] = acc;
                }
            } else {
                java.util.Arrays.fill(sum, 0, n, 0f);
                for (int p = 0; p < k; p++) {
                    float x = row[r + p];
                    int bp = bOff + p * ldb;
                    for (int j = 0; j < n; j++) {
                        sum[j] += x * b[bp + j];
                    }
                }
            }
            RowKernel.store(sum, alpha, beta, c, cOff + i * ldc, n);
        }
    }
}
