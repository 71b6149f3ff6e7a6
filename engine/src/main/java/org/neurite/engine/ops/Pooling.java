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
        float[] out = new float[g.batch() * g.channels() * g.outPlane()];
        int[] argmax = new int[out.length];
        if (g.kh() == 2 && g.kw() == 2 && g.sh() == 2 && g.sw() == 2 && g.pt() == 0 && g.pl() == 0) {
            maxPool2x2(g, x.data(), out, argmax);
        } else {
            maxPoolWindows(g, x.data(), out, argmax);
        }
        return CpuTensor.result("maxPool2d", out, outShape(g), dy -> {
            float[] dx = new float[x.size()];
            for (int i = 0; i < dy.length; i++) {
                dx[argmax[i]] += dy[i];
            }
            x.accumulateGrad(dx);
        }, x);
    }

    /** The common 2x2 window of stride 2 without padding: four candidates, no bounds to clip. */
    private static void maxPool2x2(Window2d g, float[] xd, float[] out, int[] argmax) {
        int w = g.width();
        Parallel.forRange(g.batch() * g.channels(), 1, (start, end) -> {
            for (int plane = start; plane < end; plane++) {
                int o = plane * g.outPlane();
                for (int oy = 0; oy < g.outH(); oy++) {
                    int row = plane * g.inPlane() + 2 * oy * w;
                    for (int ox = 0; ox < g.outW(); ox++, o++) {
                        int i = row + 2 * ox;
                        // as the general loop: the first maximum wins, a NaN always does; selects rather
                        // than branches, since which of four random values wins is unpredictable
                        int best = i;
                        float max = xd[i];
                        float v = xd[i + 1];
                        boolean wins = v > max || v != v;
                        best = wins ? i + 1 : best;
                        max = wins ? v : max;
                        v = xd[i + w];
                        wins = v > max || v != v;
                        best = wins ? i + w : best;
                        max = wins ? v : max;
                        v = xd[i + w + 1];
                        wins = v > max || v != v;
                        best = wins ? i + w + 1 : best;
                        max = wins ? v : max;
                        out[o] = max;
                        argmax[o] = best;
                    }
                }
            }
        });
    }

    /** Any window, clipped to the input: padded positions never win. */
    private static void maxPoolWindows(Window2d g, float[] xd, float[] out, int[] argmax) {
        Parallel.forRange(g.batch() * g.channels(), 1, (start, end) -> {
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
