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
        KernelChoice.forColumns(n).multiply(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb,
                beta, c, cOff, ldc);
    }

    /**
     * Packs {@code op(B)} once for many products with it, such as the recurrent weights that
     * multiply the state at every step: {@link #sgemm(boolean, int, float, float[], int, int, PackedB,
     * float, float[], int, int)} then skips packing B. Later changes to {@code b} are not seen.
     *
     * @param transB whether B is stored transposed ({@code n x k} instead of {@code k x n})
     * @param k rows of op(B)
     * @param n columns of op(B)
     * @param b B's storage
     * @param bOff offset of B's first element
     * @param ldb row stride of B as stored
     * @return op(B) in the selected kernel's panel layout
     * @throws IllegalArgumentException if a size is not positive or the array is too short
     */
    public static PackedB pack(boolean transB, int k, int n, float[] b, int bOff, int ldb) {
        if (k < 1 || n < 1) {
            throw new IllegalArgumentException("Gemm.pack: sizes must be >= 1, got k=" + k + ", n=" + n);
        }
        checkMatrix("B", transB, k, n, b, bOff, ldb);
        return KernelChoice.selected().pack(transB, k, n, b, bOff, ldb);
    }

    /**
     * {@code C = alpha * op(A) * B + beta * C} with B packed by {@link #pack}: {@code m x k}
     * times {@code k x n}, as {@link #sgemm(boolean, boolean, int, int, int, float, float[], int, int,
     * float[], int, int, float, float[], int, int)} does.
     *
     * @param transA whether A is stored transposed ({@code k x m} instead of {@code m x k})
     * @param m rows of op(A) and C
     * @param alpha scale of the product
     * @param a A's storage
     * @param aOff offset of A's first element
     * @param lda row stride of A as stored
     * @param b the packed B
     * @param beta scale of C's previous contents (0 overwrites, and ignores NaN there)
     * @param c C's storage
     * @param cOff offset of C's first element
     * @param ldc row stride of C
     * @throws IllegalArgumentException as the other form does
     */
    public static void sgemm(boolean transA, int m, float alpha, float[] a, int aOff, int lda, PackedB b,
                             float beta, float[] c, int cOff, int ldc) {
        if (m < 0) {
            throw new IllegalArgumentException("Gemm.sgemm: sizes must be >= 0, got m=" + m);
        }
        if (m == 0) {
            return;
        }
        checkMatrix("C", false, m, b.n(), c, cOff, ldc);
        if (alpha == 0f) {
            scale(m, b.n(), beta, c, cOff, ldc);
            return;
        }
        checkMatrix("A", transA, m, b.k(), a, aOff, lda);
        b.gemm().multiplyPacked(transA, m, alpha, a, aOff, lda, b, beta, c, cOff, ldc, Epilogue.NONE);
    }

    /**
     * {@code C = op(A) * B + bias}, then {@code max(C, 0)} where {@code relu}: the forward of a
     * dense layer on a weight packed by {@link #pack}. The bias and the ReLU are applied to each
     * tile of C as it is stored rather than in passes of their own over C; C's previous contents
     * are ignored.
     *
     * @param transA whether A is stored transposed ({@code k x m} instead of {@code m x k})
     * @param m rows of op(A) and C
     * @param a A's storage
     * @param aOff offset of A's first element
     * @param lda row stride of A as stored
     * @param b the packed B ({@code k x n})
     * @param bias {@code n} values added to every row of C, or {@code null}
     * @param relu whether to clamp C at zero ({@link Math#max}: NaN stays NaN)
     * @param c C's storage
     * @param cOff offset of C's first element
     * @param ldc row stride of C
     * @throws IllegalArgumentException as the other forms do, or if the bias is shorter than n
     */
    public static void linear(boolean transA, int m, float[] a, int aOff, int lda, PackedB b, float[] bias,
                              boolean relu, float[] c, int cOff, int ldc) {
        if (m < 0) {
            throw new IllegalArgumentException("Gemm.linear: sizes must be >= 0, got m=" + m);
        }
        if (bias != null && bias.length < b.n()) {
            throw new IllegalArgumentException("Gemm.linear: the bias has " + bias.length + " values for " + b.n()
                    + " columns");
        }
        if (m == 0) {
            return;
        }
        checkMatrix("C", false, m, b.n(), c, cOff, ldc);
        checkMatrix("A", transA, m, b.k(), a, aOff, lda);
        b.gemm().multiplyPacked(transA, m, 1f, a, aOff, lda, b, 0f, c, cOff, ldc, new Epilogue(bias, relu));
    }

    /**
     * A matrix B packed by {@link #pack}, in the layout of the kernel that packed it: blocks of
     * depth {@code kcStep} and width {@code ncStep}, block {@code (j, p)} at
     * {@code offsets[j * kBlocks + p]} of {@code data}.
     */
    public static final class PackedB {
        private final BlockedGemm gemm;
        private final int k;
        private final int n;
        private final int kcStep;
        private final int ncStep;
        private final int kBlocks;
        private final int[] offsets;
        private final float[] data;

        PackedB(BlockedGemm gemm, int k, int n, int kcStep, int ncStep, int kBlocks, int[] offsets, float[] data) {
            this.gemm = gemm;
            this.k = k;
            this.n = n;
            this.kcStep = kcStep;
            this.ncStep = ncStep;
            this.kBlocks = kBlocks;
            this.offsets = offsets;
            this.data = data;
        }

        /** @return rows of op(B) */
        public int k() {
            return k;
        }

        /** @return columns of op(B) */
        public int n() {
            return n;
        }

        BlockedGemm gemm() {
            return gemm;
        }

        int kcStep() {
            return kcStep;
        }

        int ncStep() {
            return ncStep;
        }

        int kBlocks() {
            return kBlocks;
        }

        int[] offsets() {
            return offsets;
        }

        float[] data() {
            return data;
        }
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
        if (x == null) {
            throw new IllegalArgumentException("Gemm.sgemm: " + describe(name, trans, rows, cols, off, ld)
                    + " is null");
        }
        if (off < 0 || ld < storedCols) {
            throw new IllegalArgumentException("Gemm.sgemm: " + describe(name, trans, rows, cols, off, ld)
                    + ": the offset must be >= 0 and the stride >= the row length " + storedCols);
        }
        long needed = off + (long) (storedRows - 1) * ld + storedCols;
        if (needed > x.length) {
            throw new IllegalArgumentException("Gemm.sgemm: " + describe(name, trans, rows, cols, off, ld) + " needs "
                    + needed + " floats but the array has " + x.length);
        }
    }

    /** The matrix as an error names it; built only on failure, as the checks run on every call. */
    private static String describe(String name, boolean trans, int rows, int cols, int off, int ld) {
        return name + " (" + (trans ? cols : rows) + " x " + (trans ? rows : cols) + " as stored, trans" + name + "="
                + trans + ", offset " + off + ", stride " + ld + ")";
    }
}
