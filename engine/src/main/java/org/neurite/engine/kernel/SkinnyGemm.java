package org.neurite.engine.kernel;

/**
 * Products with a handful of rows ({@code m <= }{@value #MAX_ROWS}), such as one token through a
 * linear layer while generating: packing B into panels would cost as much as the product itself
 * (a whole transpose of a layer's weight per token), so these run straight off the stored
 * matrices. With B stored transposed (a PyTorch-layout weight {@code [n, k]}) each entry of C is
 * a dot product of two contiguous rows; otherwise each row of C gathers rows of B scaled by the
 * entries of A's row. On the calling thread, on the Vector API when the engine's GEMM uses it.
 */
final class SkinnyGemm {

    /** The most rows of C this path takes. */
    static final int MAX_ROWS = 4;

    private static final boolean VECTOR = !(KernelChoice.selected().kernel() instanceof ScalarMicroKernel);

    private SkinnyGemm() {
    }

    /** {@code C = alpha * A * op(B) + beta * C} for A not transposed; arguments already checked, {@code m, n, k > 0}. */
    static void multiply(boolean transB, int m, int n, int k, float alpha, float[] a, int aOff, int lda,
                         float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        if (VECTOR) {
            VectorSkinnyGemm.multiply(transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        } else {
            plain(transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        }
    }

    /** The plain-Java form of {@link #multiply}. */
    static void plain(boolean transB, int m, int n, int k, float alpha, float[] a, int aOff, int lda,
                      float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            int aRow = aOff + i * lda;
            int cRow = cOff + i * ldc;
            if (transB) {
                for (int j = 0; j < n; j++) {
                    int bRow = bOff + j * ldb;
                    float sum = 0;
                    for (int p = 0; p < k; p++) {
                        sum = Math.fma(a[aRow + p], b[bRow + p], sum);
                    }
                    c[cRow + j] = blend(alpha * sum, beta, c[cRow + j]);
                }
            } else {
                scaleRow(c, cRow, n, beta);
                for (int p = 0; p < k; p++) {
                    float s = alpha * a[aRow + p];
                    int bRow = bOff + p * ldb;
                    for (int j = 0; j < n; j++) {
                        c[cRow + j] = Math.fma(s, b[bRow + j], c[cRow + j]);
                    }
                }
            }
        }
    }

    /** {@code product + beta * old}, where beta 0 ignores what was there (NaN included). */
    static float blend(float product, float beta, float old) {
        return beta == 0f ? product : product + beta * old;
    }

    /** {@code row = beta * row}, where beta 0 clears it. */
    static void scaleRow(float[] c, int from, int n, float beta) {
        if (beta == 0f) {
            java.util.Arrays.fill(c, from, from + n, 0f);
        } else if (beta != 1f) {
            for (int j = 0; j < n; j++) {
                c[from + j] *= beta;
            }
        }
    }
}
