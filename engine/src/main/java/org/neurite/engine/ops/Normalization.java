package org.neurite.engine.ops;

import org.neurite.api.Mode;
import org.neurite.api.Parameter;
import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;
import org.neurite.engine.kernel.LayerNormRows;
import org.neurite.engine.kernel.Parallel;
import org.neurite.engine.tensor.CpuTensor;

/**
 * Layer and batch normalisation, each one pass for the statistics and one for the output, with a
 * hand-written backward through the statistics. Batch statistics are accumulated in double
 * precision; a layer norm's rows run in {@link LayerNormRows}.
 */
public final class Normalization {

    private Normalization() {
    }

    /**
     * Layer normalisation: every group of trailing elements covered by {@code normalizedShape} is
     * shifted to mean 0 and scaled to variance 1 (biased), then scaled by {@code gamma} and
     * shifted by {@code beta}.
     *
     * @param x the input, whose trailing axes equal {@code normalizedShape}
     * @param normalizedShape the trailing axes normalised over
     * @param gamma the scale, of {@code normalizedShape}, or null
     * @param beta the shift, of {@code normalizedShape}, or null
     * @param epsilon added to the variance
     * @return the normalised tensor, of {@code x}'s shape
     */
    public static CpuTensor layerNorm(CpuTensor x, Shape normalizedShape, CpuTensor gamma, CpuTensor beta,
                                      float epsilon) {
        Shape xs = x.shape();
        int k = normalizedShape.rank();
        if (k > xs.rank() || !xs.sub(xs.rank() - k, xs.rank()).equals(normalizedShape)) {
            throw new ShapeMismatchException("layerNorm: input " + xs + " does not end with the normalised shape "
                    + normalizedShape);
        }
        requireShape("layerNorm", xs, "gamma", gamma, normalizedShape);
        requireShape("layerNorm", xs, "beta", beta, normalizedShape);
        int width = normalizedShape.intSize();
        int rows = width == 0 ? 0 : x.size() / width;
        float[] xd = x.data();
        float[] g = gamma == null ? null : gamma.data();
        float[] b = beta == null ? null : beta.data();
        // each row's mean and rstd are all the backward pass keeps: it recomputes the normalised input from x
        float[] out = new float[xd.length];
        float[] mean = new float[rows];
        float[] rstd = new float[rows];
        Parallel.forRange(rows, rowChunk(width), (start, end) -> {
            for (int r = start; r < end; r++) {
                LayerNormRows.forward(xd, r * width, width, epsilon, g, b, out, mean, rstd, r);
            }
        });
        return CpuTensor.result("layerNorm", out, xs, dy -> backward(dy, x, gamma, beta, mean, rstd, rows, width), x,
                gamma, beta);
    }

    /** Rows per thread worth a hand-off: some 16K elements. */
    private static int rowChunk(int width) {
        return Math.max(1, (1 << 14) / Math.max(1, width));
    }

    /**
     * Layer norm's backward in one pass over the rows: each row sends {@code dy xhat} and {@code dy}
     * to the scale's and the shift's sums of its block of rows (some 8K elements, whatever the thread
     * count), then writes the input's gradient over {@code dy}, this op's own array (see
     * Autograd.backward), which is handed on. The blocks' sums are added in block order afterwards,
     * so the gradients do not depend on the thread count.
     */
    private static void backward(float[] dy, CpuTensor x, CpuTensor gamma, CpuTensor beta, float[] mean, float[] rstd,
                                 int rows, int width) {
        boolean needG = gamma != null && gamma.requiresGrad();
        boolean needB = beta != null && beta.requiresGrad();
        boolean sums = needG || needB;
        if (!sums && !x.requiresGrad()) {
            return;
        }
        float[] xd = x.data();
        float[] g = gamma == null ? null : gamma.data();
        float[] dx = x.requiresGrad() ? dy : null;
        int blockRows = Math.max(1, (1 << 13) / Math.max(1, width));
        int blocks = (rows + blockRows - 1) / blockRows;
        float[][] blockG = sums ? new float[blocks][width] : null;
        float[][] blockB = sums ? new float[blocks][width] : null;
        Parallel.forRange(blocks, Math.max(1, rowChunk(width) / blockRows), (start, end) -> {
            for (int k = start; k < end; k++) {
                float[] dg = sums ? blockG[k] : null;
                float[] db = sums ? blockB[k] : null;
                for (int r = k * blockRows; r < Math.min(rows, (k + 1) * blockRows); r++) {
                    LayerNormRows.backward(dy, xd, g, mean[r], rstd[r], r * width, width, dx, dg, db);
                }
            }
        });
        if (needG) {
            gamma.accumulateGrad(blockSums(blockG, width));
        }
        if (needB) {
            beta.accumulateGrad(blockSums(blockB, width));
        }
        if (dx != null) {
            x.adoptGrad(dx);
        }
    }

    /** The blocks' sums added up in block order. */
    private static float[] blockSums(float[][] blocks, int width) {
        float[] sum = new float[width];
        for (float[] block : blocks) {
            for (int f = 0; f < width; f++) {
                sum[f] += block[f];
            }
        }
        return sum;
    }

    /**
     * Batch normalisation over axis 1 of {@code [batch, channels, ...]}. In training it normalises
     * with the batch's mean and biased variance and updates the running statistics in place
     * ({@code running = (1 - momentum) * running + momentum * batch}, unbiased variance); in
     * inference it normalises with the running statistics. Without running statistics (null) it
     * always uses the batch's.
     *
     * @param x the input, of rank 2 or more
     * @param gamma the scale per channel, or null
     * @param beta the shift per channel, or null
     * @param runningMean the running mean per channel, or null
     * @param runningVar the running variance per channel, or null
     * @param momentum the weight of the batch statistics in the running update
     * @param epsilon added to the variance
     * @param mode training or inference
     * @return the normalised tensor, of {@code x}'s shape
     */
    public static CpuTensor batchNorm(CpuTensor x, CpuTensor gamma, CpuTensor beta, Parameter runningMean,
                                      Parameter runningVar, float momentum, float epsilon, Mode mode) {
        Shape xs = x.shape();
        if (xs.rank() < 2) {
            throw new ShapeMismatchException("batchNorm: input " + xs + " must have rank 2 or more [batch, channels, ...]");
        }
        int batch = xs.dim(0);
        int channels = xs.dim(1);
        int spatial = xs.sub(2, xs.rank()).intSize();
        Shape perChannel = Shape.of(channels);
        requireShape("batchNorm", xs, "gamma", gamma, perChannel);
        requireShape("batchNorm", xs, "beta", beta, perChannel);
        requireShape("batchNorm", xs, "running mean", runningMean == null ? null : runningMean.shape(), perChannel);
        requireShape("batchNorm", xs, "running variance", runningVar == null ? null : runningVar.shape(), perChannel);
        if ((runningMean == null) != (runningVar == null)) {
            throw new IllegalArgumentException("batchNorm: give both running mean and running variance, or neither");
        }
        boolean batchStats = mode == Mode.TRAINING || runningMean == null;
        int count = batch * spatial;
        if (batchStats && count < 2) {
            throw new ShapeMismatchException("batchNorm: input " + xs
                    + " has only one value per channel; batch statistics need more than one");
        }
        float[] xd = x.data();
        BatchNormKernels kernels = new BatchNormKernels(batch, channels, spatial);
        float[] mean = new float[channels];
        float[] rstd = new float[channels];
        if (batchStats) {
            float[] var = new float[channels];
            kernels.stats(xd, mean, var);
            for (int c = 0; c < channels; c++) {
                rstd[c] = (float) (1.0 / Math.sqrt(var[c] + (double) epsilon));
            }
            if (mode == Mode.TRAINING && runningMean != null) {
                float[] rm = runningMean.data();
                float[] rv = runningVar.data();
                float unbias = count / (float) (count - 1);
                for (int c = 0; c < channels; c++) {
                    rm[c] = (1 - momentum) * rm[c] + momentum * mean[c];
                    rv[c] = (1 - momentum) * rv[c] + momentum * var[c] * unbias;
                }
            }
        } else {
            float[] rm = runningMean.data();
            float[] rv = runningVar.data();
            for (int c = 0; c < channels; c++) {
                mean[c] = rm[c];
                rstd[c] = (float) (1.0 / Math.sqrt(rv[c] + (double) epsilon));
            }
        }
        float[] xhat = new float[xd.length];
        float[] out = new float[xd.length];
        kernels.normalize(xd, mean, rstd, gamma == null ? null : gamma.data(), beta == null ? null : beta.data(),
                xhat, out);
        return CpuTensor.result("batchNorm", out, xs, dy -> {
            boolean needG = gamma != null && gamma.requiresGrad();
            boolean needB = beta != null && beta.requiresGrad();
            if (!x.requiresGrad() && !needG && !needB) {
                return;
            }
            // sum(dy) and sum(dy * xhat) per channel serve beta's and gamma's gradients and the
            // two means of the input's gradient alike
            double[] sumDy = new double[channels];
            double[] sumDyXhat = new double[channels];
            kernels.gradientSums(dy, xhat, sumDy, sumDyXhat);
            if (x.requiresGrad()) {
                double[] meanDy = new double[channels];
                double[] meanDyXhat = new double[channels];
                if (batchStats) {
                    for (int c = 0; c < channels; c++) {
                        meanDy[c] = sumDy[c] / count;
                        meanDyXhat[c] = sumDyXhat[c] / count;
                    }
                }
                float[] dx = new float[dy.length];
                kernels.inputGradient(dy, xhat, rstd, gamma == null ? null : gamma.data(), meanDy, meanDyXhat, dx);
                x.accumulateGrad(dx);
            }
            if (needG) {
                gamma.accumulateGrad(toFloats(sumDyXhat));
            }
            if (needB) {
                beta.accumulateGrad(toFloats(sumDy));
            }
        }, x, gamma, beta);
    }

    /**
     * {@code xhat * gamma + beta} where {@code xhat} is {@code [outer, features, inner]} and
     * gamma and beta hold one value per feature.
     */
    private static float[] affine(float[] xhat, int outer, int features, int inner, CpuTensor gamma, CpuTensor beta) {
        if (gamma == null && beta == null) {
            return xhat.clone();
        }
        float[] g = gamma == null ? null : gamma.data();
        float[] b = beta == null ? null : beta.data();
        float[] out = new float[xhat.length];
        for (int o = 0; o < outer; o++) {
            for (int f = 0; f < features; f++) {
                float scale = g == null ? 1f : g[f];
                float shift = b == null ? 0f : b[f];
                int off = (o * features + f) * inner;
                for (int i = 0; i < inner; i++) {
                    out[off + i] = xhat[off + i] * scale + shift;
                }
            }
        }
        return out;
    }

    /** Sends {@code sum(dy * xhat)} to gamma and {@code sum(dy)} to beta, per feature. */
    private static void affineBackward(float[] dy, float[] xhat, int outer, int features, int inner,
                                       CpuTensor gamma, CpuTensor beta) {
        boolean needG = gamma != null && gamma.requiresGrad();
        boolean needB = beta != null && beta.requiresGrad();
        if (!needG && !needB) {
            return;
        }
        double[] dg = new double[features];
        double[] db = new double[features];
        for (int o = 0; o < outer; o++) {
            for (int f = 0; f < features; f++) {
                int off = (o * features + f) * inner;
                for (int i = 0; i < inner; i++) {
                    dg[f] += dy[off + i] * (double) xhat[off + i];
                    db[f] += dy[off + i];
                }
            }
        }
        if (needG) {
            gamma.accumulateGrad(toFloats(dg));
        }
        if (needB) {
            beta.accumulateGrad(toFloats(db));
        }
    }

    private static float[] toFloats(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }

    private static void requireShape(String op, Shape input, String what, CpuTensor t, Shape expected) {
        requireShape(op, input, what, t == null ? null : t.shape(), expected);
    }

    private static void requireShape(String op, Shape input, String what, Shape actual, Shape expected) {
        if (actual != null && !actual.equals(expected)) {
            throw new ShapeMismatchException(op + ": " + what + " " + actual + " must have shape " + expected
                    + " for input " + input);
        }
    }
}
