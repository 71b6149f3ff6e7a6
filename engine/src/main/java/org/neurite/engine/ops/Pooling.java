package org.neurite.engine.ops;

import java.util.Arrays;

import org.neurite.api.Shape;
import org.neurite.engine.autograd.GradMode;
import org.neurite.engine.autograd.SpareGradients;
import org.neurite.engine.kernel.MaxPool2x2;
import org.neurite.engine.kernel.Parallel;
import org.neurite.engine.tensor.CpuTensor;

/**
 * 2-D max and average pooling over {@code [batch, channels, height, width]}, window by window,
 * with the planes split over the engine's threads.
 */
public final class Pooling {

    private Pooling() {
    }

    /**
     * Max pooling: padded positions never win; the gradient goes to the first maximum of each
     * window; NaN counts as a maximum, as in PyTorch.
     *
     * @param x the input, {@code [batch, channels, height, width]}
     * @param kernel {@code {kh, kw}}
     * @param stride {@code {sh, sw}}
     * @param padding {@code {ph, pw}}, at most half the kernel
     * @return {@code [batch, channels, outH, outW]}
     */
    public static CpuTensor maxPool2d(CpuTensor x, int[] kernel, int[] stride, int[] padding) {
        Window2d g = window("maxPool2d", x, kernel, stride, padding);
        if (g.kh() == 2 && g.kw() == 2 && g.sh() == 2 && g.sw() == 2 && g.pt() == 0 && g.pl() == 0) {
            return maxPool2x2(x, g);
        }
        float[] out = new float[g.batch() * g.channels() * g.outPlane()];
        int[] argmax = recorded(x) ? new int[out.length] : null;
        maxPoolWindows(g, x.data(), out, argmax);
        return CpuTensor.result("maxPool2d", out, outShape(g), dy -> {
            float[] dx = new float[x.size()];
            for (int i = 0; i < dy.length; i++) {
                dx[argmax[i]] += dy[i];
            }
            x.adoptGrad(dx);
        }, x);
    }

    /**
     * The common 2x2 window of stride 2 without padding: four candidates, no bounds to clip, and
     * windows that do not overlap ({@link MaxPool2x2}), plane by plane on the engine's threads.
     * Nothing is kept for the backward pass but the input, from which it finds the winners again.
     * The backward pass writes every element of the input's gradient (zeros too, plane by plane on
     * the engine's threads), so its array may be one a convolution's backward step finished with
     * ({@link SpareGradients}).
     */
    private static CpuTensor maxPool2x2(CpuTensor x, Window2d g) {
        int planes = g.batch() * g.channels();
        float[] out = new float[planes * g.outPlane()];
        Parallel.forRange(planes, 1, (start, end) -> MaxPool2x2.forward(x.data(), out, start, end, g.height(), g.width()));
        return CpuTensor.result("maxPool2d", out, outShape(g), dy -> {
            float[] dx = SpareGradients.take(x.size());
            Parallel.forRange(planes, 1, (start, end) -> MaxPool2x2.backward(x.data(), dy, dx, start, end, g.height(),
                    g.width()));
            x.adoptGrad(dx);
        }, x);
    }

    /** Any window, clipped to the input: padded positions never win. */
    private static void maxPoolWindows(Window2d g, float[] xd, float[] out, int[] argmax) {
        Spans rows = Spans.rows(g);
        Spans cols = Spans.columns(g);
        Parallel.forRange(g.batch() * g.channels(), 1, (start, end) -> {
            for (int plane = start; plane < end; plane++) {
                int in = plane * g.inPlane();
                int o = plane * g.outPlane();
                for (int oy = 0; oy < g.outH(); oy++) {
                    for (int ox = 0; ox < g.outW(); ox++, o++) {
                        int best = in + rows.lo[oy] * g.width() + cols.lo[ox];
                        float max = Float.NEGATIVE_INFINITY;
                        for (int iy = rows.lo[oy]; iy < rows.hi[oy]; iy++) {
                            int row = in + iy * g.width();
                            for (int ix = row + cols.lo[ox]; ix < row + cols.hi[ox]; ix++) {
                                float v = xd[ix];
                                if (v > max || v != v) { // NaN wins, as in PyTorch
                                    max = v;
                                    best = ix;
                                }
                            }
                        }
                        out[o] = max;
                        if (argmax != null) {
                            argmax[o] = best;
                        }
                    }
                }
            }
        });
    }

    /**
     * Average pooling: padded positions count as zeros, so every window divides by
     * {@code kh * kw} (PyTorch's default {@code count_include_pad=True}).
     *
     * @param x the input, {@code [batch, channels, height, width]}
     * @param kernel {@code {kh, kw}}
     * @param stride {@code {sh, sw}}
     * @param padding {@code {ph, pw}}, at most half the kernel
     * @return {@code [batch, channels, outH, outW]}
     */
    public static CpuTensor avgPool2d(CpuTensor x, int[] kernel, int[] stride, int[] padding) {
        Window2d g = window("avgPool2d", x, kernel, stride, padding);
        Spans rows = Spans.rows(g);
        Spans cols = Spans.columns(g);
        int planes = g.batch() * g.channels();
        float scale = 1f / (g.kh() * g.kw());
        float[] out = new float[planes * g.outPlane()];
        float[] xd = x.data();
        Parallel.forRange(planes, 1, (start, end) -> {
            for (int plane = start; plane < end; plane++) {
                int in = plane * g.inPlane();
                int o = plane * g.outPlane();
                for (int oy = 0; oy < g.outH(); oy++) {
                    for (int ox = 0; ox < g.outW(); ox++, o++) {
                        float s = 0f;
                        for (int iy = rows.lo[oy]; iy < rows.hi[oy]; iy++) {
                            int row = in + iy * g.width();
                            for (int ix = cols.lo[ox]; ix < cols.hi[ox]; ix++) {
                                s += xd[row + ix];
                            }
                        }
                        out[o] = s * scale;
                    }
                }
            }
        });
        return CpuTensor.result("avgPool2d", out, outShape(g), dy -> {
            float[] dx = new float[x.size()];
            Parallel.forRange(planes, 1, (start, end) -> {
                for (int plane = start; plane < end; plane++) {
                    int in = plane * g.inPlane();
                    int o = plane * g.outPlane();
                    for (int oy = 0; oy < g.outH(); oy++) {
                        for (int ox = 0; ox < g.outW(); ox++, o++) {
                            float share = dy[o] * scale;
                            for (int iy = rows.lo[oy]; iy < rows.hi[oy]; iy++) {
                                int row = in + iy * g.width();
                                for (int ix = cols.lo[ox]; ix < cols.hi[ox]; ix++) {
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
     * For each output row (or column): the input rows (columns) {@code [lo, hi)} its window covers,
     * clipped to the input, so that padded positions are left out.
     */
    private record Spans(int[] lo, int[] hi) {

        static Spans rows(Window2d g) {
            return of(g.outH(), g.sh(), g.pt(), g.kh(), g.height());
        }

        static Spans columns(Window2d g) {
            return of(g.outW(), g.sw(), g.pl(), g.kw(), g.width());
        }

        private static Spans of(int out, int stride, int pad, int kernel, int size) {
            int[] lo = new int[out];
            int[] hi = new int[out];
            for (int o = 0; o < out; o++) {
                lo[o] = Math.max(0, o * stride - pad);
                hi[o] = Math.min(size, o * stride - pad + kernel);
            }
            return new Spans(lo, hi);
        }
    }

    /**
     * @return whether the result of an op on {@code x} gets a backward pass (gradients on, and
     *     {@code x} needs one), so that what only the backward pass reads is worth keeping
     */
    private static boolean recorded(CpuTensor x) {
        return GradMode.isEnabled() && x.requiresGrad();
    }

    /** The window geometry, with PyTorch's rule that padding is at most half the kernel. */
    private static Window2d window(String op, CpuTensor x, int[] kernel, int[] stride, int[] padding) {
        Window2d g = Window2d.of(op, x, kernel, stride, padding);
        if (2 * g.pt() > g.kh() || 2 * g.pl() > g.kw()) {
            throw new IllegalArgumentException(op + ": padding " + Arrays.toString(padding)
                    + " must be at most half of kernel " + Arrays.toString(kernel));
        }
        return g;
    }

    private static Shape outShape(Window2d g) {
        return Shape.of(g.batch(), g.channels(), g.outH(), g.outW());
    }
}
