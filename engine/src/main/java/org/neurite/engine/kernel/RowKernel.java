package org.neurite.engine.kernel;

/**
 * Matrix products of a few rows, {@code C = alpha * op(A) * op(B) + beta * C} with {@code m}
 * below {@link #MAX_ROWS}: each row of C on its own, straight from A and B as stored, with no
 * packing and on the calling thread. Packing B (a dense layer's whole weight) costs more than a
 * product of one row by it, so a batch of one (a prediction, a generation step) runs here.
 * Every row is computed the same way whatever {@code m} is, so a sample gets the same bits alone
 * and in a small batch.
 */
interface RowKernel {

    /** Products with fewer rows than this (the packed kernel's tile height) run here. */
    int MAX_ROWS = 8;

    /**
     * Same arguments as {@link Gemm#sgemm}, already checked; {@code 0 < m < MAX_ROWS}, {@code n, k > 0}.
     */
    void multiply(boolean transA, boolean transB, int m, int n, int k, float alpha,
                  float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                  float beta, float[] c, int cOff, int ldc);

    /** {@code c = alpha * v + beta * c} over one row of {@code n}; beta 0 ignores what c held. */
    static void store(float[] v, float alpha, float beta, float[] c, int cOff, int n) {
        for (int j = 0; j < n; j++) {
            float x = alpha * v[j];
            c[cOff + j] = beta == 0f ? x : x + beta * c[cOff + j];
        }
    }

    /** Row {@code i} of op(A) as a contiguous array: A itself when not transposed, else gathered into {@code scratch}. */
    static float[] row(boolean transA, float[] a, int aOff, int lda, int i, int k, float[] scratch) {
        if (!transA) {
            return a;
        }
        for (int p = 0; p < k; p++) {
            scratch[p] = a[aOff + p * lda + i];
        }
        return scratch;
    }
}
