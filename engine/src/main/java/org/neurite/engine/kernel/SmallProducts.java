package org.neurite.engine.kernel;

/**
 * Products of small matrices, such as attention's per-head tiles over a short sequence
 * ({@code 16 x 16} times {@code 16 x 16} for 16 tokens and heads of width 16), straight from the
 * operands as stored: no packing, no padding of the columns to the GEMM's panel width, no
 * argument checks. {@link Gemm#sgemm} costs several times the arithmetic at such sizes. Runs on
 * the Vector API when the GEMM does (see {@link KernelChoice}), each row of C in registers across
 * its columns; else plain loops. The caller keeps every index in range.
 */
public final class SmallProducts {

    private static final Products PRODUCTS = KernelChoice.vectorSelected() ? vectorProducts() : new Plain();

    private SmallProducts() {
    }

    /**
     * {@code C = alpha op(A) op(B) + beta C}, with {@link Gemm#sgemm}'s arguments; {@code m, n, k > 0}.
     * Sums over {@code k} in order, one element of C at a time, so results do not depend on the
     * thread count.
     */
    public static void multiply(boolean transA, boolean transB, int m, int n, int k, float alpha,
                                float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                float beta, float[] c, int cOff, int ldc) {
        PRODUCTS.multiply(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    // Kept apart so that VectorSmallProducts is resolved only when this runs.
    private static Products vectorProducts() {
        return new VectorSmallProducts();
    }

    /** The product in one implementation, as {@link #multiply}. */
    interface Products {
        void multiply(boolean transA, boolean transB, int m, int n, int k, float alpha,
                      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc);
    }

    /** Plain loops, one element of C at a time. */
    static final class Plain implements Products {
        @Override
        public void multiply(boolean transA, boolean transB, int m, int n, int k, float alpha,
                             float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                             float beta, float[] c, int cOff, int ldc) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    float s = 0f;
                    for (int p = 0; p < k; p++) {
                        float x = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                        float y = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                        s += x * y;
                    }
                    int at = cOff + i * ldc + j;
                    c[at] = beta == 0f ? alpha * s : alpha * s + beta * c[at];
                }
            }
        }
    }
}
