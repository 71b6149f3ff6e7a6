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
                // op(A)[i][p] = a[i*lda + p]: read the strip's rows side by side, write each p's
                // column contiguously.
                int src = aOff + (i0 + s * mr) * lda + p0;
                transposeInto(a, src, lda, rows, kc, dest, base, mr);
            }
        }
    }

    /**
     * Packs {@code op(B)[p0 .. p0+kc) x [j0 .. j0+nc)} into {@code dest}: strip {@code s} holds
     * columns {@code s*nr ..} at {@code dest[destOff + (s*kc + p)*nr + j]}.
     */
    static void packB(boolean transB, float[] b, int bOff, int ldb, int p0, int kc, int j0, int nc,
                      int nr, float[] dest, int destOff) {
        for (int s = 0; s * nr < nc; s++) {
            int cols = Math.min(nr, nc - s * nr);
            int base = destOff + s * kc * nr;
            if (transB) {
                // op(B)[p][j] = b[j*ldb + p]: each column j is a contiguous run over p.
                int src = bOff + (j0 + s * nr) * ldb + p0;
                transposeInto(b, src, ldb, cols, kc, dest, base, nr);
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

    /**
     * Writes {@code lines} source runs of {@code len} floats (run {@code l} starts at
     * {@code src + l*ld}) as columns of a {@code len x width} row-major block at {@code dest[d]},
     * zero-filling columns {@code lines .. width}. Eight runs at a time, so that each pass
     * reads eight sequential streams and writes short contiguous pieces.
     */
    private static void transposeInto(float[] x, int src, int ld, int lines, int len, float[] dest, int d, int width) {
        int l = 0;
        for (; l + 8 <= lines; l += 8) {
            int s0 = src + l * ld;
            int s1 = s0 + ld;
            int s2 = s1 + ld;
            int s3 = s2 + ld;
            int s4 = s3 + ld;
            int s5 = s4 + ld;
            int s6 = s5 + ld;
            int s7 = s6 + ld;
            for (int p = 0, o = d + l; p < len; p++, o += width) {
                dest[o] = x[s0 + p];
                dest[o + 1] = x[s1 + p];
                dest[o + 2] = x[s2 + p];
                dest[o + 3] = x[s3 + p];
                dest[o + 4] = x[s4 + p];
                dest[o + 5] = x[s5 + p];
                dest[o + 6] = x[s6 + p];
                dest[o + 7] = x[s7 + p];
            }
        }
        for (; l < lines; l++) {
            int s0 = src + l * ld;
            for (int p = 0, o = d + l; p < len; p++, o += width) {
                dest[o] = x[s0 + p];
            }
        }
        if (lines < width) {
            for (int p = 0, o = d; p < len; p++, o += width) {
                Arrays.fill(dest, o + lines, o + width, 0f);
            }
        }
    }
}
