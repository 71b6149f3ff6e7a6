package org.neurite.engine.kernel;

/**
 * Matrix products of a few rows, {@code C = alpha * op(A) * op(B) + beta * C} with {@code m}
 * below {@link #MAX_ROWS}: each row of C on its own, straight from A and B as stored, with no
 * packing and on the calling thread. Packing B (a dense layer's whole weight) costs more than a
 * product of one row by it, so a batch of one (a prediction, a generation step) runs here.
 * Every row is computed the same way whatever {@code m} is, so a sample gets the same bits alone
 * and in a small batch.
 */
abstract class RowKernel {

    /** Products with fewer rows than this (the packed kernel's tile height) run here. */
    static final int MAX_ROWS = 8;

    private final ThreadLocal<float[][]> scratch = ThreadLocal.withInitial(() -> new float[2][0]);

    /**
     * Same arguments as {@link Gemm#sgemm}, already checked; {@code 0 < m < MAX_ROWS}, {@code n, k > 0}.
     */
    final void multiply(boolean transA, boolean transB, int m, int n, int k, float alpha,
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
            float[] row = row(transA, a, aOff, lda, i, k, s[0]);
            int r = transA ? 0 : aOff + i * lda;
            if (transB) {
                dots(row, r, n, k, b, bOff, ldb, sum);
            } else {
                rowSums(row, r, n, k, b, bOff, ldb, sum);
            }
            store(sum, alpha, beta, c, cOff + i * ldc, n);
        }
    }

    /** {@code sum[j] = row . B[j, :]} for every row j of B ({@code n x k} as stored). */
    abstract void dots(float[] row, int r, int n, int k, float[] b, int bOff, int ldb, float[] sum);

    /** {@code sum = row * B}: the rows of B ({@code k x n} as stored) scaled by the row's values and added. */
    abstract void rowSums(float[] row, int r, int n, int k, float[] b, int bOff, int ldb, float[] sum);

    /** {@code c = alpha * v + beta * c} over one row of {@code n}; beta 0 ignores what c held. */
    private static void store(float[] v, float alpha, float beta, float[] c, int cOff, int n) {
        for (int j = 0; j < n; j++) {
            float x = alpha * v[j];
            c[cOff + j] = beta == 0f ? x : x + beta * c[cOff + j];
        }
    }

    /** Row {@code i} of op(A) as a contiguous array: A itself when not transposed, else gathered into {@code scratch}. */
    private static float[] row(boolean transA, float[] a, int aOff, int lda, int i, int k, float[] scratch) {
        if (!transA) {
            return a;
        }
        for (int p = 0; p < k; p++) {
            scratch[p] = a[aOff + p * lda + i];
        }
        return scratch;
    }
}
