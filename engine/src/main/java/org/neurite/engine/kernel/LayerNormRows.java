package org.neurite.engine.kernel;

/**
 * One row of layer normalisation, forward and backward, as the engine's {@code layerNorm} op
 * runs it over its rows. Runs on the Vector API when the GEMM does (see {@link KernelChoice}),
 * with its sums in float lanes (a row of a few hundred values loses nothing a test of 1e-5 could
 * see); else plain loops with their sums in double. Also the sums of the scale's and the shift's
 * gradients down the rows. The normalised row is never stored: the forward pass keeps the row's
 * mean and {@code 1 / sqrt(variance + epsilon)}, and the backward passes recompute
 * {@code xhat = (x - mean) rstd} from the input by the same float operations, so they see the
 * very values the forward pass wrote.
 */
public final class LayerNormRows {

    private static final Rows ROWS = KernelChoice.vectorSelected() ? vectorRows() : new Plain();

    private LayerNormRows() {
    }

    /**
     * Normalises {@code x[off .. off + width)} to mean 0 and variance 1 (biased) and writes
     * {@code out = xhat gamma + beta} at the same place of {@code out}.
     *
     * @param g the scale, or null
     * @param b the shift, or null
     * @param mean where the row's mean goes, at {@code row}
     * @param rstd where the row's {@code 1 / sqrt(variance + epsilon)} goes, at {@code row}
     */
    public static void forward(float[] x, int off, int width, float epsilon, float[] g, float[] b, float[] out,
                               float[] mean, float[] rstd, int row) {
        ROWS.forward(x, off, width, epsilon, g, b, out, mean, rstd, row);
    }

    /**
     * One row of the backward pass. Adds {@code dy xhat} to {@code dg} and {@code dy} to {@code db}
     * (the scale's and the shift's gradients, summed down the rows) when they are not null; writes
     * d(loss)/dx over {@code dx[off .. off + width)} when {@code dx} is not null:
     * {@code rstd (d - mean(d) - xhat mean(d xhat))} with {@code d = dy gamma}, the means over the row
     * and {@code xhat = (x - mean) rstd}. The row is read whole before any write, and each write
     * reads only its own element, so {@code dx} may be {@code dy} itself.
     *
     * @param x the forward pass's input
     * @param g the scale, or null
     * @param mean the row's mean, as the forward pass kept it
     * @param rs the row's {@code 1 / sqrt(variance + epsilon)}
     * @param dx where the input's gradient goes, or null
     * @param dg the scale's sums, of {@code width}, or null (then {@code db} is null too)
     * @param db the shift's sums, of {@code width}, or null
     */
    public static void backward(float[] dy, float[] x, float[] g, float mean, float rs, int off, int width,
                                float[] dx, float[] dg, float[] db) {
        ROWS.backward(dy, x, g, mean, rs, off, width, dx, dg, db);
    }

    // Kept apart so that VectorLayerNormRows is resolved only when this runs.
    private static Rows vectorRows() {
        return new VectorLayerNormRows();
    }

    /** The two row passes in one implementation. */
    interface Rows {
        void forward(float[] x, int off, int width, float epsilon, float[] g, float[] b, float[] out, float[] mean,
                     float[] rstd, int row);

        void backward(float[] dy, float[] x, float[] g, float mean, float rs, int off, int width, float[] dx,
                      float[] dg, float[] db);
    }

    /** Plain-Java loops, the sums in double. */
    static final class Plain implements Rows {

        /** Two passes over the input: the mean, then the centred variance; then the output. */
        @Override
        public void forward(float[] xd, int off, int width, float epsilon, float[] g, float[] b, float[] out,
                            float[] means, float[] rstd, int row) {
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
            means[row] = mean;
            rstd[row] = rs;
        }

        @Override
        public void backward(float[] dy, float[] x, float[] g, float mean, float rs, int off, int width, float[] dx,
                             float[] dg, float[] db) {
            if (dg != null) {
                for (int i = 0; i < width; i++) {
                    dg[i] += dy[off + i] * ((x[off + i] - mean) * rs);
                    db[i] += dy[off + i];
                }
            }
            if (dx == null) {
                return;
            }
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
                sumDX0 += d0 * ((x[off + i] - mean) * rs);
                sumDX1 += d1 * ((x[off + i + 1] - mean) * rs);
            }
            if (i2 < width) {
                float d = g == null ? dy[off + i2] : dy[off + i2] * g[i2];
                sumD0 += d;
                sumDX0 += d * ((x[off + i2] - mean) * rs);
            }
            float meanD = (float) ((sumD0 + sumD1) / width);
            float meanDX = (float) ((sumDX0 + sumDX1) / width);
            // one loop per case, without branches, so that the JIT runs it in vector instructions
            if (g == null) {
                for (int i = 0; i < width; i++) {
                    dx[off + i] = rs * (dy[off + i] - meanD - (x[off + i] - mean) * rs * meanDX);
                }
            } else {
                for (int i = 0; i < width; i++) {
                    dx[off + i] = rs * (dy[off + i] * g[i] - meanD - (x[off + i] - mean) * rs * meanDX);
                }
            }
        }
    }
}
