package org.neurite.engine.kernel;

import java.util.Arrays;

/**
 * Copies blocks of {@code op(A)} and {@code op(B)} into the contiguous panel layout the
 * micro-kernels read: A as strips of {@code mr} rows stored column by column, B as strips of
 * {@code nr} columns stored row by row. Rows or columns past the block's edge are zero, so a
 * micro-kernel always works on whole strips.
 */
final class PanelPacking {

    private PanelPacking() {
    }

    /**
     * Packs {@code op(A)[i0 .. i0+mc) x [p0 .. p0+kc)} into {@code dest}: strip {@code s} holds
     * rows {@code s*mr ..} at {@code dest[(s*kc + p)*mr + r]}.
     */
    static void packA(boolean transA, float[] a, int aOff, int lda, int i0, int mc, int p0, int kc,
                      int mr, float[] dest) {
        for (int s = 0; s * mr < mc; s++) {
            int rows = Math.min(mr, mc - s * mr);
            int base = s * kc * mr;
            if (transA) {
                // op(A)[i][p] = a[p*lda + i]: each p reads `rows` contiguous floats.
                int src = aOff + p0 * lda + i0 + s * mr;
                for (int p = 0; p < kc; p++, src += lda) {
                    int d = base + p * mr;
                    System.arraycopy(a, src, dest, d, rows);
                    if (rows < mr) {
                        Arrays.fill(dest, d + rows, d + mr, 0f);
                    }
                }
            } else {
                for (int r = 0; r < rows; r++) {
                    int src = aOff + (i0 + s * mr + r) * lda + p0;
                    int d = base + r;
                    for (int p = 0; p < kc; p++) {
                        dest[d + p * mr] = a[src + p];
                    }
                }
                for (int r = rows; r < mr; r++) {
                    for (int p = 0; p < kc; p++) {
                        dest[base + p * mr + r] = 0f;
                    }
                }
            }
        }
    }

    /**
     * Packs {@code op(B)[p0 .. p0+kc) x [j0 .. j0+nc)} into {@code dest}: strip {@code s} holds
     * columns {@code s*nr ..} at {@code dest[(s*kc + p)*nr + j]}.
     */
    static void packB(boolean transB, float[] b, int bOff, int ldb, int p0, int kc, int j0, int nc,
                      int nr, float[] dest) {
        for (int s = 0; s * nr < nc; s++) {
            int cols = Math.min(nr, nc - s * nr);
            int base = s * kc * nr;
            if (transB) {
                // op(B)[p][j] = b[j*ldb + p]: each column j is a contiguous run over p.
                for (int j = 0; j < cols; j++) {
                    int src = bOff + (j0 + s * nr + j) * ldb + p0;
                    int d = base + j;
                    for (int p = 0; p < kc; p++) {
                        dest[d + p * nr] = b[src + p];
                    }
                }
                for (int j = cols; j < nr; j++) {
                    for (int p = 0; p < kc; p++) {
                        dest[base + p * nr + j] = 0f;
                    }
                }
            } else {
                int src = bOff + p0 * ldb + j0 + s * nr;
                for (int p = 0; p < kc; p++, src += ldb) {
                    int d = base + p * nr;
                    System.arraycopy(b, src, dest, d, cols);
                    if (cols < nr) {
                        Arrays.fill(dest, d + cols, d + nr, 0f);
                    }
                }
            }
        }
    }
}
