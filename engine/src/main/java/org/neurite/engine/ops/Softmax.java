package org.neurite.engine.ops;

import java.util.Arrays;

import org.neurite.api.Shape;
import org.neurite.engine.kernel.Parallel;
import org.neurite.engine.tensor.CpuTensor;

/**
 * Numerically stable softmax and log-softmax along any axis, with hand-written backward.
 *
 * <p>The tensor is viewed as {@code [outer, n, inner]} with {@code n} the normalised axis. Each
 * slice subtracts its maximum before exponentiating, so logits of {@code ±1000} give exact
 * probabilities (and log-probabilities of exactly {@code -2000}) instead of overflow and NaN.
 * Sums are accumulated in double. When the axis is the last one ({@code inner = 1}) every slice
 * is one contiguous row; otherwise a whole {@code [n, inner]} block is swept row by row so that
 * the inner loops still run over contiguous memory.
 */
public final class Softmax {

    /** Elements per chunk below which a loop is not worth another thread. */
    private static final int CHUNK = 1 << 14;

    private Softmax() {
    }

    /**
     * @param x the logits
     * @param axis the axis whose entries sum to 1; negative counts from the end
     * @return the probabilities, of {@code x}'s shape
     * @throws IllegalArgumentException if the axis is out of range, naming it and the shape
     */
    public static CpuTensor softmax(CpuTensor x, int axis) {
        return apply("softmax", x, axis, false);
    }

    /**
     * @param x the logits
     * @param axis the normalised axis; negative counts from the end
     * @return {@code x - max - log(sum(exp(x - max)))} along the axis, of {@code x}'s shape
     * @throws IllegalArgumentException if the axis is out of range, naming it and the shape
     */
    public static CpuTensor logSoftmax(CpuTensor x, int axis) {
        return apply("log_softmax", x, axis, true);
    }

    private static CpuTensor apply(String name, CpuTensor x, int axis, boolean log) {
        Shape shape = x.shape();
        if (axis < -shape.rank() || axis >= shape.rank()) {
            throw new IllegalArgumentException(name + ": axis " + axis + " is out of range for shape " + shape);
        }
        int ax = shape.axis(axis);
        int n = shape.dim(ax);
        int inner = shape.sub(ax + 1, shape.rank()).intSize();
        int outer = shape.sub(0, ax).intSize();
        float[] in = x.data();
        float[] out = new float[in.length];
        int blocksPerChunk = Math.max(1, CHUNK / Math.max(1, n * inner));
        if (in.length > 0) {
            Parallel.forRange(outer, blocksPerChunk, (s, e) -> forward(in, out, s, e, n, inner, log));
        }
        return CpuTensor.result(name, out, shape, g -> {
            float[] dx = new float[out.length];
            if (dx.length > 0) {
                Parallel.forRange(outer, blocksPerChunk, (s, e) -> backward(g, out, dx, s, e, n, inner, log));
            }
            x.accumulateGrad(dx);
        }, x);
    }

    /** Forward over the blocks {@code [from, to)} of the {@code [outer, n, inner]} view. */
    private static void forward(float[] in, float[] out, int from, int to, int n, int inner, boolean log) {
        if (inner == 1) {
            for (int o = from; o < to; o++) {
                int base = o * n;
                float max = Float.NEGATIVE_INFINITY;
                for (int j = 0; j < n; j++) {
                    max = Math.max(max, in[base + j]); // NaN propagates, as it should
                }
                double sum = 0;
                for (int j = 0; j < n; j++) {
                    float e = (float) Math.exp(in[base + j] - max);
                    out[base + j] = e;
                    sum += e;
                }
                if (log) {
                    float logSum = (float) Math.log(sum);
                    for (int j = 0; j < n; j++) {
                        out[base + j] = (in[base + j] - max) - logSum;
                    }
                } else {
                    float scale = (float) (1 / sum);
                    for (int j = 0; j < n; j++) {
                        out[base + j] *= scale;
                    }
                }
            }
            return;
        }
        float[] max = new float[inner];
        double[] sum = new double[inner];
        for (int o = from; o < to; o++) {
            int base = o * n * inner;
            Arrays.fill(max, Float.NEGATIVE_INFINITY);
            Arrays.fill(sum, 0);
            for (int j = 0; j < n; j++) {
                int row = base + j * inner;
                for (int i = 0; i < inner; i++) {
                    max[i] = Math.max(max[i], in[row + i]);
                }
            }
            for (int j = 0; j < n; j++) {
                int row = base + j * inner;
                for (int i = 0; i < inner; i++) {
                    float e = (float) Math.exp(in[row + i] - max[i]);
                    out[row + i] = e;
                    sum[i] += e;
                }
            }
            for (int i = 0; i < inner; i++) {
                sum[i] = log ? Math.log(sum[i]) : 1 / sum[i]; // now what each element needs
            }
            for (int j = 0; j < n; j++) {
                int row = base + j * inner;
                for (int i = 0; i < inner; i++) {
                    out[row + i] = log
                            ? (in[row + i] - max[i]) - (float) sum[i]
                            : (float) (out[row + i] * sum[i]);
                }
            }
        }
    }

    /**
     * Backward over blocks {@code [from, to)}: for softmax {@code dx = y (g - sum(g y))}, for
     * log-softmax {@code dx = g - exp(y) sum(g)}, the sums running along the axis.
     */
    private static void backward(float[] g, float[] y, float[] dx, int from, int to, int n, int inner, boolean log) {
        if (inner == 1) {
            for (int o = from; o < to; o++) {
                int base = o * n;
                double dot = 0;
                for (int j = 0; j < n; j++) {
                    dot += log ? g[base + j] : (double) g[base + j] * y[base + j];
                }
                float d = (float) dot;
                for (int j = 0; j < n; j++) {
                    int k = base + j;
                    dx[k] = log ? g[k] - (float) Math.exp(y[k]) * d : y[k] * (g[k] - d);
                }
            }
            return;
        }
        double[] dot = new double[inner];
        for (int o = from; o < to; o++) {
            int base = o * n * inner;
            Arrays.fill(dot, 0);
            for (int j = 0; j < n; j++) {
                int row = base + j * inner;
                for (int i = 0; i < inner; i++) {
                    dot[i] += log ? g[row + i] : (double) g[row + i] * y[row + i];
                }
            }
            for (int j = 0; j < n; j++) {
                int row = base + j * inner;
                for (int i = 0; i < inner; i++) {
                    int k = row + i;
                    float d = (float) dot[i];
                    dx[k] = log ? g[k] - (float) Math.exp(y[k]) * d : y[k] * (g[k] - d);
                }
            }
        }
    }
}
