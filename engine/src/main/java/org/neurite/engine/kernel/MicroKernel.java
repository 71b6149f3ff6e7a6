package org.neurite.engine.kernel;

/**
 * The innermost step of {@link BlockedGemm}: multiplies one strip of A ({@link #mr()} rows,
 * packed or read in place) by one packed strip of B ({@link #nr()} columns) over {@code kc}
 * and writes the tile into C as {@code C = alpha * product + beta * C} (beta 0 overwrites, ignoring what was there),
 * then applies an {@link Epilogue}.
 */
interface MicroKernel {

    /** @return rows of the tile (the height of an A strip) */
    int mr();

    /** @return columns of the tile (the width of a packed B strip) */
    int nr();

    /** @return a short description for the log, such as {@code "vector 8x32"} */
    String description();

    /**
     * Computes one tile. {@code rows <= mr()} and {@code cols <= nr()} limit what is written to
     * C at the edges of the matrix; the strips are always whole: the packed B strip is
     * zero-padded, and all {@code mr()} rows of the A strip are read (a packed strip is
     * zero-padded, a strip read in place from A is only passed when it is whole).
     *
     * @param kc the depth of the strips
     * @param ap A's strip: row {@code r}, depth {@code p} at {@code ap[apOff + r * rs + p * ds]}
     *     (packed: {@code rs = 1, ds = mr()}; in place, A as stored: {@code rs = lda, ds = 1},
     *     or {@code rs = 1, ds = lda} when A is stored transposed)
     * @param rs the distance between rows of the A strip
     * @param ds the distance between depths of the A strip
     * @param bp packed B, strip starting at {@code bpOff} ({@code kc * nr()} floats)
     * @param tile scratch of at least {@code mr() * nr()} floats
     * @param epilogue what to do to the stored tile ({@link Epilogue#NONE} for nothing)
     * @param column the column of C the tile starts at, where the epilogue's bias is read from
     */
    void multiply(int kc, float[] ap, int apOff, int rs, int ds, float[] bp, int bpOff, float alpha, float beta,
                  float[] c, int cOff, int ldc, int rows, int cols, float[] tile, Epilogue epilogue, int column);

    /**
     * {@code C = epilogue(alpha * tile + beta * C)} over {@code rows x cols}, for a tile with rows
     * {@code nr} apart whose first column is column {@code column} of C.
     */
    static void storeTile(float[] tile, int nr, float alpha, float beta, float[] c, int cOff, int ldc, int rows, int cols,
                          Epilogue epilogue, int column) {
        for (int r = 0; r < rows; r++) {
            int ci = cOff + r * ldc;
            int ti = r * nr;
            for (int j = 0; j < cols; j++) {
                c[ci + j] = finish(alpha * tile[ti + j], beta, c[ci + j], epilogue, column + j);
            }
        }
    }

    /**
     * @param product one element of {@code alpha * tile}
     * @param old C's element before (ignored when beta is 0)
     * @param col its column in C, for the epilogue's bias
     * @return {@code epilogue(product + beta * old)}
     */
    static float finish(float product, float beta, float old, Epilogue epilogue, int col) {
        float v = beta == 0f ? product : product + beta * old;
        if (epilogue.bias() != null) {
            v += epilogue.bias()[col];
        }
        return epilogue.relu() ? Math.max(v, 0f) : v;
    }
}
