package org.neurite.engine.kernel;

/**
 * Single-precision general matrix multiply on row-major arrays:
 * {@code C = alpha * op(A) * op(B) + beta * C}, where {@code op(X)} is {@code X} or its
 * transpose. The one entry point for every matrix product in the engine.
 */
public final class Gemm {

    private Gemm() {
    }

    /**
     * @param transA whether A is stored transposed ({@code k x m} instead of {@code m x k})
     * @param transB whether B is stored transposed ({@code n x k} instead of {@code k x n})
     * @param m rows of op(A) and C
     * @param n columns of op(B) and C
     * @param k columns of op(A), rows of op(B)
     * @param alpha scale of the product
     * @param a A's storage
     * @param aOff offset of A's first element
     * @param lda row stride of A as stored
     * @param b B's storage
     * @param bOff offset of B's first element
     * @param ldb row stride of B as stored
     * @param beta scale of C's previous contents (0 overwrites, and ignores NaN there)
     * @param c C's storage
     * @param cOff offset of C's first element
     * @param ldc row stride of C
     */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                             float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                             float beta, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float s = 0f;
                for (int p = 0; p < k; p++) {
                    float av = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    float bv = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    s += av * bv;
                }
                int ci = cOff + i * ldc + j;
                c[ci] = beta == 0f ? alpha * s : alpha * s + beta * c[ci];
            }
        }
    }
}
