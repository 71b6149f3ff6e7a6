package org.neurite.engine.ops;

import org.neurite.engine.kernel.Parallel;

/**
 * The loops of batch normalisation over {@code [batch, channels, spatial]}, split by channel
 * over the engine's threads. Every channel's values lie in {@code batch} runs of
 * {@code spatial} floats; sums over a run keep four partial sums, so that the additions do not
 * wait on each other, and are gathered per channel in double.
 */
final class BatchNormKernels {

    /** Values per chunk below which a loop stays on the calling thread. */
    private static final int GRAIN = 1 << 15;

    private final int batch;
    private final int channels;
    private final int spatial;
    private final int minChannels;

    /** Loops over {@code [batch, channels, spatial]}. */
    BatchNormKernels(int batch, int channels, int spatial) {
        this.batch = batch;
        this.channels = channels;
        this.spatial = spatial;
        this.minChannels = Math.max(1, GRAIN / Math.max(1, batch * spatial));
    }

    /** Mean and biased variance of every channel (the variance from the mean, in two passes). */
    void stats(float[] x, float[] mean, float[] var) {
        double count = (double) batch * spatial;
        Parallel.forRange(channels, minChannels, (c0, c1) -> {
            for (int c = c0; c < c1; c++) {
                double sum = 0;
                for (int n = 0; n < batch; n++) {
                    sum += sum(x, (n * channels + c) * spatial, spatial);
                }
                double m = sum / count;
                double sq = 0;
                for (int n = 0; n < batch; n++) {
                    sq += shiftedProducts(x, x, (n * channels + c) * spatial, spatial, m);
                }
                mean[c] = (float) m;
                var[c] = (float) (sq / count);
            }
        });
    }

    /**
     * {@code xhat = (x - mean) * rstd} and {@code out = xhat * gamma + beta} (gamma and beta may
     * be null: 1 and 0) in one pass.
     */
    void normalize(float[] x, float[] mean, float[] rstd, float[] gamma, float[] beta, float[] xhat, float[] out) {
        Parallel.forRange(channels, minChannels, (c0, c1) -> {
            for (int c = c0; c < c1; c++) {
                float m = mean[c];
                float r = rstd[c];
                float g = gamma == null ? 1f : gamma[c];
                float b = beta == null ? 0f : beta[c];
                for (int n = 0; n < batch; n++) {
                    int off = (n * channels + c) * spatial;
                    for (int s = off; s < off + spatial; s++) {
                        float h = (x[s] - m) * r;
                        xhat[s] = h;
                        out[s] = h * g + b;
                    }
                }
            }
        });
    }

    /** Per channel, {@code sumDy[c] = sum(dy)} and {@code sumDyXhat[c] = sum(dy * xhat)}. */
    void gradientSums(float[] dy, float[] xhat, double[] sumDy, double[] sumDyXhat) {
        Parallel.forRange(channels, minChannels, (c0, c1) -> {
            for (int c = c0; c < c1; c++) {
                double d = 0;
                double dx = 0;
                for (int n = 0; n < batch; n++) {
                    int off = (n * channels + c) * spatial;
                    d += sum(dy, off, spatial);
                    dx += shiftedProducts(dy, xhat, off, spatial, 0);
                }
                sumDy[c] = d;
                sumDyXhat[c] = dx;
            }
        });
    }

    /**
     * {@code dx = scale * (dy - meanDy - xhat * meanDyXhat)} per channel, with
     * {@code scale = rstd * gamma}; the two means are zero when the statistics were constants.
     */
    void inputGradient(float[] dy, float[] xhat, float[] rstd, float[] gamma, double[] meanDy, double[] meanDyXhat,
                       float[] dx) {
        Parallel.forRange(channels, minChannels, (c0, c1) -> {
            for (int c = c0; c < c1; c++) {
                double scale = gamma == null ? rstd[c] : (double) rstd[c] * gamma[c];
                float a = (float) scale;
                float k = (float) (-scale * meanDyXhat[c]);
                float b = (float) (-scale * meanDy[c]);
                for (int n = 0; n < batch; n++) {
                    int off = (n * channels + c) * spatial;
                    for (int s = off; s < off + spatial; s++) {
                        dx[s] = a * dy[s] + k * xhat[s] + b;
                    }
                }
            }
        });
    }

    private static double sum(float[] a, int off, int len) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = off;
        int end = off + len;
        for (; i + 4 <= end; i += 4) {
            s0 += a[i];
            s1 += a[i + 1];
            s2 += a[i + 2];
            s3 += a[i + 3];
        }
        for (; i < end; i++) {
            s0 += a[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * @return {@code sum((a[i] - shift) * (b[i] - shift))} over the run: the squared deviations
     *     from the mean when both are the values and the shift their mean, a dot product when the
     *     shift is 0
     */
    private static double shiftedProducts(float[] a, float[] b, int off, int len, double shift) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = off;
        int end = off + len;
        for (; i + 4 <= end; i += 4) {
            s0 += (a[i] - shift) * (b[i] - shift);
            s1 += (a[i + 1] - shift) * (b[i + 1] - shift);
            s2 += (a[i + 2] - shift) * (b[i + 2] - shift);
            s3 += (a[i + 3] - shift) * (b[i + 3] - shift);
        }
        for (; i < end; i++) {
            s0 += (a[i] - shift) * (b[i] - shift);
        }
        return (s0 + s1) + (s2 + s3);
    }
}
