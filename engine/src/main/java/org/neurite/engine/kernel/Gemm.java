package org.neurite.engine.kernel;

import java.util.Arrays;

/**
 * Single-precision general matrix multiply on row-major arrays:
 * {@code C = alpha * op(A) * op(B) + beta * C}, where {@code op(X)} is {@code X} or its
 * transpose. The one entry point for every matrix product in the engine.
 *
 * <p>Runs a packed, cache-blocked, register-tiled kernel on the Vector API when the JVM has
 * the module {@code jdk.incubator.vector}, else a plain-Java kernel of the same shape (see the
 * system property {@code neurite.kernels}); large products use {@link Parallel}'s threads.
 * Products of fewer than {@link RowKernel#MAX_ROWS} rows skip the packing and run row by row.
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
     * @throws IllegalArgumentException if a size is negative, a stride is smaller than its row,
     *         or an array is too short for the matrix its offset and stride describe
     */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                             float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                             float beta, float[] c, int cOff, int ldc) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("Gemm.sgemm: sizes must be >= 0, got m=" + m + ", n=" + n + ", k=" + k);
        }
        if (m == 0 || n == 0) {
            return;
        }
        checkMatrix("C", false, m, n, c, cOff, ldc);
        if (k == 0 || alpha == 0f) {
            scale(m, n, beta, c, cOff, ldc);
            return;
        }
        checkMatrix("A", transA, m, k, a, aOff, lda);
        checkMatrix("B", transB, k, n, b, bOff, ldb);
        if (m < RowKernel.MAX_ROWS) {
            KernelChoice.rows().multiply(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        KernelChoice.selected().multiply(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb,
                beta, c, cOff, ldc);
    }

    /** {@code C = beta * C}, where beta 0 clears C. */
    private static void scale(int m, int n, float beta, float[] c, int cOff, int ldc) {
        if (beta == 1f) {
            return;
        }
        for (int i = 0; i < m; i++) {
            int row = cOff + i * ldc;
            if (beta == 0f) {
                Arrays.fill(c, row, row + n, 0f);
            } else {
                for (int j = 0; j < n; j++) {
                    c[row + j] *= beta;
                }
            }
        }
    }

    /** Checks that {@code x} holds an {@code rows x cols} matrix (as op(x)) at {@code off} with stride {@code ld}. */
    private static void checkMatrix(String name, boolean trans, int rows, int cols, float[] x, int off, int ld) {
        int storedRows = trans ? cols : rows;
        int storedCols = trans ? rows : cols;
        String what = name + " (" + storedRows + " x " + storedCols + " as stored, trans" + name + "=" + trans
                + ", offset " + off + ", stride " + ld + ")";
        if (x == null) {
            throw new IllegalArgumentException("Gemm.sgemm: " + what + " is null");
        }
        if (off < 0 || ld < storedCols) {
            throw new IllegalArgumentException("Gemm.sgemm: " + what
                    + ": the offset must be >= 0 and the stride >= the row length " + storedCols);
        }
        long needed = off + (long) (storedRows - 1) * ld + storedCols;
        if (needed > x.length) {
            throw new IllegalArgumentException("Gemm.sgemm: " + what + " needs " + needed
                    + " floats but the array has " + x.length);
        }
    }
}
