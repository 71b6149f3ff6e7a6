package org.neurite.engine.kernel;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * One matrix product set up for a test: random A, B and C embedded at offsets in arrays with
 * strides larger than the rows, and a double-precision reference to compare with.
 */
final class GemmCase {
    final boolean transA;
    final boolean transB;
    final int m;
    final int n;
    final int k;
    final float alpha;
    final float beta;
    final float[] a;
    final int aOff;
    final int lda;
    final float[] b;
    final int bOff;
    final int ldb;
    final float[] c;
    final int cOff;
    final int ldc;

    /** Padding past each stored row and before each matrix, filled with a sentinel. */
    static final float SENTINEL = -777f;

    GemmCase(boolean transA, boolean transB, int m, int n, int k, float alpha, float beta, int pad, long seed) {
        this.transA = transA;
        this.transB = transB;
        this.m = m;
        this.n = n;
        this.k = k;
        this.alpha = alpha;
        this.beta = beta;
        RandomGenerator random = new SplittableRandom(seed);
        int aRows = transA ? k : m;
        int aCols = transA ? m : k;
        int bRows = transB ? n : k;
        int bCols = transB ? k : n;
        this.lda = aCols + pad;
        this.ldb = bCols + pad;
        this.ldc = n + pad;
        this.aOff = pad * 3;
        this.bOff = pad * 5;
        this.cOff = pad * 7;
        this.a = filled(aOff, aRows, aCols, lda, random);
        this.b = filled(bOff, bRows, bCols, ldb, random);
        this.c = filled(cOff, m, n, ldc, random);
    }

    private static float[] filled(int off, int rows, int cols, int ld, RandomGenerator random) {
        float[] x = new float[off + Math.max(0, rows - 1) * ld + cols + 3];
        java.util.Arrays.fill(x, SENTINEL);
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                x[off + r * ld + j] = (float) random.nextDouble(-1, 1);
            }
        }
        return x;
    }

    float opA(int i, int p) {
        return transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
    }

    float opB(int p, int j) {
        return transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
    }

    /** @return a copy of C as it was before any product (for runs on several kernels) */
    float[] freshC() {
        return c.clone();
    }

    /** Runs the product through {@code gemm} into a copy of C and returns that copy. */
    float[] runOn(BlockedGemm gemm) {
        float[] out = freshC();
        gemm.multiply(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, out, cOff, ldc);
        return out;
    }

    /** Runs the product on a row kernel into a copy of C and returns that copy. */
    float[] runOn(RowKernel rows) {
        float[] out = freshC();
        rows.multiply(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, out, cOff, ldc);
        return out;
    }

    /** Runs the product through the public entry point into a copy of C and returns that copy. */
    float[] runPublic() {
        float[] out = freshC();
        Gemm.sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, out, cOff, ldc);
        return out;
    }

    /** Fails unless {@code out} holds the product within float rounding, and nothing outside C changed. */
    void check(float[] out, String label) {
        for (int x = 0; x < out.length; x++) {
            int rel = x - cOff;
            boolean inside = rel >= 0 && rel / ldc < m && rel % ldc < n;
            if (!inside && Float.floatToIntBits(out[x]) != Float.floatToIntBits(c[x])) {
                throw new AssertionError(label + ": element " + x + " outside C changed from " + c[x] + " to " + out[x]);
            }
        }
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                double magnitude = 0;
                for (int p = 0; p < k; p++) {
                    double term = (double) opA(i, p) * opB(p, j);
                    sum += term;
                    magnitude += Math.abs(term);
                }
                float old = c[cOff + i * ldc + j];
                double expected = alpha * sum + (beta == 0f ? 0 : beta * (double) old);
                double scale = Math.abs(alpha) * magnitude + Math.abs(beta * (double) old);
                double tolerance = 1e-6 * (k + 4) * scale + 1e-30;
                float actual = out[cOff + i * ldc + j];
                if (!(Math.abs(actual - expected) <= tolerance)) {
                    throw new AssertionError(label + ": C[" + i + "," + j + "] = " + actual + ", expected " + expected
                            + " (tolerance " + tolerance + ") for " + this);
                }
            }
        }
    }

    @Override
    public String toString() {
        return "transA=" + transA + " transB=" + transB + " m=" + m + " n=" + n + " k=" + k
                + " alpha=" + alpha + " beta=" + beta + " lda=" + lda + " ldb=" + ldb + " ldc=" + ldc;
    }
}
