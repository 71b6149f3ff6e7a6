package org.neurite.engine.kernel;

/**
 * One row of layer normalisation, forward and backward, as the engine's {@code layerNorm} op
 * runs it over its rows. Runs on the Vector API when the GEMM does (see {@link KernelChoice}),
 * with its sums in float lanes (a row of a few hundred values loses nothing a test of 1e-5 could
 * see); else plain loops with their sums in double. Also the sums of the scale's and the shift's
 * gradients down the rows.
 */
public final class LayerNormRows {

    private static final Rows ROWS = KernelChoice.vectorSelected() ? vectorRows() : new Plain();

    private LayerNormRows() {
    }

    /**
     * Normalises {@code x[off .. off + width)} to mean 0 and variance 1 (biased), writes
     * {@code out = xhat gamma + beta} at the same place of {@code out}, and {@code xhat} there
     * when {@code xhat} is not null.
     *
     * @param g the scale, or null
     * @param b the shift, or null
     * @return {@code 1 / sqrt(variance + epsilon)} of the row
     */
    public static float forward(float[] x, int off, int width, float epsilon, float[] g, float[] b, float[] out,
                                float[] xhat) {
        return ROWS.forward(x, off, width, epsilon, g, b, out, xhat);
    }

    /**
     * Writes d(loss)/dx of one row over {@code dx[off .. off + width)}:
     * {@code rstd (d - mean(d) - xhat mean(d xhat))} with {@code d = dy gamma}, the means over the row.
     * The row's sums are taken before any write, and each write reads only its own element, so
     * {@code dx} may be {@code dy} itself.
     *
     * @param g the scale, or null
     * @param rs the row's {@code 1 / sqrt(variance + epsilon)}
     */
    public static void backward(float[] dy, float[] xhat, float[] g, float rs, int off, int width, float[] dx) {
        ROWS.backward(dy, xhat, g, rs, off, width, dx);
    }

    /**
     * Writes {@code dg[f] = sum_r dy[r, f] xhat[r, f]} and {@code db[f] = sum_r dy[r, f]} for the
     * features {@code from <= f < to} of {@code rows} rows of {@code width}: the gradients of the
     * scale and the shift, each summed down the rows in order.
     */
    public static void affineSums(float[] dy, float[] xhat, int rows, int width, int from, int to, float[] dg,
                                  float[] db) {
        ROWS.affineSums(dy, xhat, rows, width, from, to, dg, db);
    }

    // Kept apart so that VectorLayerNormRows is resolved only when this runs.
    private static Rows vectorRows() {
        return new VectorLayerNormRows();
    }

    /** The two row passes in one implementation. */
    interface Rows {
        float forward(float[] x, int off, int width, float epsilon, float[] g, float[] b, float[] out, float[] xhat);

        void backward(float[] dy, float[] xhat, float[] g, float rs, int off, int width, float[] dx);

        void affineSums(float[] dy, float[] xhat, int rows, int width, int from, int to, float[] dg, float[] db);
    }

    /** Plain-Java loops, the sums in double. */
    static final class Plain implements Rows {

        /** Two passes over the input: the mean, then the centred variance; then the output. */
        @Override
        public float forward(float[] xd, int off, int width, float epsilon, float[] g, float[] b, float[] out,
                             float[] xhat) {
            // four running sums each, so that the additions do not wait on one another
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            int i4 = width & ~3;
            for (int i = 0; i < i4; i += 4) {
                s0 += xd[off + i];
                s1 += xd[off + i + 1];
                s2 += xd[off + i + 2];
                s3 += xd[off + i + 3];
            }
            for (int i = i4; i < width; i++) {
                s0 += xd[off + i];
            }
            float mean = (float) ((s0 + s1 + s2 + s3) / width);
            s0 = 0;
            s1 = 0;
            s2 = 0;
            s3 = 0;
            for (int i = 0; i < i4; i += 4) {
                float d0 = xd[off + i] - mean;
                float d1 = xd[off + i + 1] - mean;
                float d2 = xd[off + i + 2] - mean;
                float d3 = xd[off + i + 3] - mean;
                s0 += d0 * d0;
                s1 += d1 * d1;
                s2 += d2 * d2;
                s3 += d3 * d3;
            }
            for (int i = i4; i < width; i++) {
                float d = xd[off + i] - mean;
                s0 += d * d;
            }
            float rs = (float) (1.0 / Math.sqrt((s0 + s1 + s2 + s3) / width + epsilon));
            // short loops without branches, each of which the JIT runs in vector instructions
            for (int i = 0; i < width; i++) {
                out[off + i] = (xd[off + i] - mean) * rs;
            }
            if (xhat != null) {
                System.arraycopy(out, off, xhat, off, width);
            }
            if (g != null) {
                for (int i = 0; i < width; i++) {
                    out[off + i] *= g[i];
                }
            }
            if (b != null) {
                for (int i = 0; i < width; i++) {
                    out[off + i] += b[i];
                }
            }
            return rs;
        }

        @Override
        public void backward(float[] dy, float[] xhat, float[] g, float rs, int off, int width, float[] dx) {
            // two running sums each, so that the additions do not wait on one another
            double sumD0 = 0;
            double sumD1 = 0;
            double sumDX0 = 0;
            double sumDX1 = 0;
            int i2 = width & ~1;
            for (int i = 0; i < i2; i += 2) {
                float d0 = g == null ? dy[off + i] : dy[off + i] * g[i];
                float d1 = g == null ? dy[off + i + 1] : dy[off + i + 1] * g[i + 1];
                sumD0 += d0;
                sumD1 += d1;
                sumDX0 += d0 * xhat[off + i];
                sumDX1 += d1 * xhat[off + i + 1];
            }
            if (i2 < width) {
                float d = g == null ? dy[off + i2] : dy[off + i2] * g[i2];
                sumD0 += d;
                sumDX0 += d * xhat[off + i2];
            }
            float meanD = (float) ((sumD0 + sumD1) / width);
            float meanDX = (float) ((sumDX0 + sumDX1) / width);
            // one loop per case, without branches, so that the JIT runs it in vector instructions
            if (g == null) {
                for (int i = 0; i < width; i++) {
                    dx[off + i] = rs * (dy[off + i] - meanD - xhat[off + i] * meanDX);
                }
            } else {
                for (int i = 0; i < width; i++) {
                    dx[off + i] = rs * (dy[off + i] * g[i] - meanD - xhat[off + i] * meanDX);
                }
            }
        }

        @Override
        public void affineSums(float[] dy, float[] xhat, int rows, int width, int from, int to, float[] dg,
                               float[] db) {
            double[] sg = new double[to - from];
            double[] sb = new double[to - from];
            for (int r = 0; r < rows; r++) {
                int off = r * width;
                for (int f = from; f < to; f++) {
                    sg[f - from] += dy[off + f] * xhat[off + f];
                    sb[f - from] += dy[off + f];
                }
            }
            for (int f = from; f < to; f++) {
                dg[f] = (float) sg[f - from];
                db[f] = (float) sb[f - from];
            }
        }
    }
}
