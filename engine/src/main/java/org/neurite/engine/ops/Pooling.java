package org.neurite.engine.ops;

import java.util.Arrays;

import org.neurite.api.Shape;
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
        int planes = g.batch() * g.channels();
        float[] out = new float[planes * g.outPlane()];
        int[] argmax = new int[out.length];
        float[] xd = x.data();
        Parallel.forRange(planes, 1, (start, end) -> {
            for (int plane = start; plane < end; plane++) {
                int in = plane * g.inPlane();
                int o = plane * g.outPlane();
                for (int oy = 0; oy < g.outH(); oy++) {
                    int y0 = Math.max(0, oy * g.sh() - g.pt());
                    int y1 = Math.min(g.height(), oy * g.sh() - g.pt() + g.kh());
                    for (int ox = 0; ox < g.outW(); ox++, o++) {
                        int x0 = Math.max(0, ox * g.sw() - g.pl());
                        int x1 = Math.min(g.width(), ox * g.sw() - g.pl() + g.kw());
                        int best = in + y0 * g.width() + x0;
                        float max = Float.NEGATIVE_INFINITY;
                        for (int iy = y0; iy < y1; iy++) {
                            int row = in + iy * g.width();
                            for (int ix = row + x0; ix < row + x1; ix++) {
                                float v = xd[ix];
                                if (v > max || v != v) { // NaN wins, as in PyTorch
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
        return CpuTensor.result("maxPool2d", out, outShape(g), dy -> {
            float[] dx = new float[x.size()];
            for (int i = 0; i < dy.length; i++) {
                dx[argmax[i]] += dy[i];
            }
            x.accumulateGrad(dx);
        }, x);
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
        int planes = g.batch() * g.channels();
        float scale = 1f / (g.kh() * g.kw());
        float[] out = new float[planes * g.outPlane()];
        float[] xd = x.data();
        Parallel.forRange(planes, 1, (start, end) -> {
            for (int plane = start; plane < end; plane++) {
                int in = plane * g.inPlane();
                int o = plane * g.outPlane();
                for (int oy = 0; oy < g.outH(); oy++) {
                    int y0 = Math.max(0, oy * g.sh() - g.pt());
                    int y1 = Math.min(g.height(), oy * g.sh() - g.pt() + g.kh());
                    for (int ox = 0; ox < g.outW(); ox++, o++) {
                        int x0 = Math.max(0, ox * g.sw() - g.pl());
                        int x1 = Math.min(g.width(), ox * g.sw() - g.pl() + g.kw());
                        float s = 0f;
                        for (int iy = y0; iy < y1; iy++) {
                            int row = in + iy * g.width();
                            for (int ix = x0; ix < x1; ix++) {
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
                        int y0 = Math.max(0, oy * g.sh() - g.pt());
                        int y1 = Math.min(g.height(), oy * g.sh() - g.pt() + g.kh());
                        for (int ox = 0; ox < g.outW(); ox++, o++) {
                            int x0 = Math.max(0, ox * g.sw() - g.pl());
                            int x1 = Math.min(g.width(), ox * g.sw() - g.pl() + g.kw());
                            float share = dy[o] * scale;
                            for (int iy = y0; iy < y1; iy++) {
                                int row = in + iy * g.width();
                                for (int ix = x0; ix < x1; ix++) {
                                    dx[row + ix] += share;
                                }
                            }
                        }
                    }
                }
            });
            x.accumulateGrad(dx);
        }, x);
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
