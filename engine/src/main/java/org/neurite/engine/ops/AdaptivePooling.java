package org.neurite.engine.ops;

import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;
import org.neurite.engine.kernel.Parallel;
import org.neurite.engine.tensor.CpuTensor;

/**
 * Adaptive 2-D average and max pooling (PyTorch's {@code adaptive_avg_pool2d} and
 * {@code adaptive_max_pool2d}): the output size is given and output pixel {@code (oy, ox)} pools
 * the input rows {@code [floor(oy * h / outH), ceil((oy + 1) * h / outH))} and likewise the
 * columns, so windows may differ in size and overlap. An output size of {@code {1, 1}} is global
 * pooling.
 */
public final class AdaptivePooling {

    private AdaptivePooling() {
    }

    /**
     * @param x the input, {@code [batch, channels, height, width]}
     * @param size {@code {outH, outW}}, positive
     * @return {@code [batch, channels, outH, outW]}, the mean of each window
     */
    public static CpuTensor average(CpuTensor x, int[] size) {
        Windows w = Windows.of("adaptiveAvgPool2d", x, size);
        float[] xd = x.data();
        float[] out = new float[w.planes() * w.outPlane()];
        Parallel.forRange(w.planes(), 8, (start, end) -> {
            for (int p = start; p < end; p++) {
                for (int oy = 0, o = p * w.outPlane(); oy < size[0]; oy++) {
                    for (int ox = 0; ox < size[1]; ox++, o++) {
                        float s = 0f;
                        for (int iy = w.y0[oy]; iy < w.y1[oy]; iy++) {
                            int row = p * w.inPlane() + iy * w.width;
                            for (int ix = w.x0[ox]; ix < w.x1[ox]; ix++) {
                                s += xd[row + ix];
                            }
                        }
                        out[o] = s / w.area(oy, ox);
                    }
                }
            }
        });
        return CpuTensor.result("adaptiveAvgPool2d", out, w.outShape(), dy -> {
            float[] dx = new float[x.size()];
            Parallel.forRange(w.planes(), 8, (start, end) -> {
                for (int p = start; p < end; p++) {
                    for (int oy = 0, o = p * w.outPlane(); oy < size[0]; oy++) {
                        for (int ox = 0; ox < size[1]; ox++, o++) {
                            float share = dy[o] / w.area(oy, ox);
                            for (int iy = w.y0[oy]; iy < w.y1[oy]; iy++) {
                                int row = p * w.inPlane() + iy * w.width;
                                for (int ix = w.x0[ox]; ix < w.x1[ox]; ix++) {
                                    dx[row + ix] += share;
                                }
                            }
                        }
                    }
                }
            });
            x.adoptGrad(dx);
        }, x);
    }

    /**
     * @param x the input, {@code [batch, channels, height, width]}
     * @param size {@code {outH, outW}}, positive
     * @return {@code [batch, channels, outH, outW]}, the maximum of each window; the gradient goes to
     *     the first maximum; NaN counts as a maximum, as in PyTorch
     */
    public static CpuTensor max(CpuTensor x, int[] size) {
        Windows w = Windows.of("adaptiveMaxPool2d", x, size);
        float[] xd = x.data();
        float[] out = new float[w.planes() * w.outPlane()];
        int[] argmax = new int[out.length];
        Parallel.forRange(w.planes(), 8, (start, end) -> {
            for (int p = start; p < end; p++) {
                for (int oy = 0, o = p * w.outPlane(); oy < size[0]; oy++) {
                    for (int ox = 0; ox < size[1]; ox++, o++) {
                        float max = Float.NEGATIVE_INFINITY;
                        int best = p * w.inPlane() + w.y0[oy] * w.width + w.x0[ox];
                        for (int iy = w.y0[oy]; iy < w.y1[oy]; iy++) {
                            int row = p * w.inPlane() + iy * w.width;
                            for (int ix = row + w.x0[ox]; ix < row + w.x1[ox]; ix++) {
                                float v = xd[ix];
                                if (v > max || v != v) {
                                    max = v;
                                    best = ix;
                                }
                            }
                        }
                        out[o] = max;
                        argmax[o] = best;
                    }
                }
            }
        });
        return CpuTensor.result("adaptiveMaxPool2d", out, w.outShape(), dy -> {
            float[] dx = new float[x.size()];
            for (int i = 0; i < dy.length; i++) {
                dx[argmax[i]] += dy[i];
            }
            x.adoptGrad(dx);
        }, x);
    }

    /** The window bounds of each output row and column. */
    private record Windows(int batch, int channels, int height, int width, int[] size,
                           int[] y0, int[] y1, int[] x0, int[] x1) {

        static Windows of(String op, CpuTensor x, int[] size) {
            if (x.shape().rank() != 4) {
                throw new ShapeMismatchException(op + ": input " + x.shape()
                        + " must have rank 4 [batch, channels, height, width]");
            }
            Window2d.requirePair(op, "output size", size, 1);
            int[] d = x.shape().dims();
            int[] y0 = new int[size[0]];
            int[] y1 = new int[size[0]];
            int[] x0 = new int[size[1]];
            int[] x1 = new int[size[1]];
            bounds(d[2], size[0], y0, y1);
            bounds(d[3], size[1], x0, x1);
            return new Windows(d[0], d[1], d[2], d[3], size, y0, y1, x0, x1);
        }

        private static void bounds(int in, int out, int[] lo, int[] hi) {
            for (int i = 0; i < out; i++) {
                lo[i] = (int) ((long) i * in / out);
                hi[i] = (int) (((long) (i + 1) * in + out - 1) / out);
            }
        }

        int planes() {
            return batch * channels;
        }

        int inPlane() {
            return height * width;
        }

        int outPlane() {
            return size[0] * size[1];
        }

        float area(int oy, int ox) {
            return (float) ((y1[oy] - y0[oy]) * (x1[ox] - x0[ox]));
        }

        Shape outShape() {
            return Shape.of(batch, channels, size[0], size[1]);
        }
    }
}
