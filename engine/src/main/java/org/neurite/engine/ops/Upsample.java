package org.neurite.engine.ops;

import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;
import org.neurite.engine.kernel.Parallel;
import org.neurite.engine.tensor.CpuTensor;

/**
 * Resizes the planes of {@code [batch, channels, height, width]} to a given size, as PyTorch's
 * {@code F.interpolate} with an output {@code size}: nearest neighbour
 * ({@code src = floor(dst * in / out)}) or bilinear, with or without aligned corners. An integer
 * scale factor gives the same result as the size it leads to.
 */
public final class Upsample {

    private Upsample() {
    }

    /**
     * @param x the input, {@code [batch, channels, height, width]}
     * @param size the output size {@code {outH, outW}}, positive
     * @return {@code [batch, channels, outH, outW]}; each output pixel copies the input pixel
     *     {@code (floor(oy * height / outH), floor(ox * width / outW))}
     */
    public static CpuTensor nearest(CpuTensor x, int[] size) {
        int[] d = dims("upsampleNearest2d", x, size);
        int[] rows = new int[size[0]];
        int[] cols = new int[size[1]];
        for (int oy = 0; oy < size[0]; oy++) {
            rows[oy] = Math.min(d[2] - 1, (int) Math.floor(oy * ((float) d[2] / size[0])));
        }
        for (int ox = 0; ox < size[1]; ox++) {
            cols[ox] = Math.min(d[3] - 1, (int) Math.floor(ox * ((float) d[3] / size[1])));
        }
        float[] out = new float[d[0] * d[1] * size[0] * size[1]];
        nearestPass(d, size, rows, cols, x.data(), out, false);
        return CpuTensor.result("upsampleNearest2d", out, Shape.of(d[0], d[1], size[0], size[1]), dy -> {
            float[] dx = new float[x.size()];
            nearestPass(d, size, rows, cols, dy, dx, true);
            x.accumulateGrad(dx);
        }, x);
    }

    /**
     * @param x the input, {@code [batch, channels, height, width]}
     * @param size the output size {@code {outH, outW}}, positive
     * @param alignCorners whether the corner pixels of input and output are aligned (the source
     *     coordinate is {@code dst * (in - 1) / (out - 1)}); otherwise pixel centres are
     *     ({@code (dst + 0.5) * in / out - 0.5}, clamped at 0), PyTorch's default
     * @return {@code [batch, channels, outH, outW]}, each pixel a weighted mean of the 4 nearest inputs
     */
    public static CpuTensor bilinear(CpuTensor x, int[] size, boolean alignCorners) {
        int[] d = dims("upsampleBilinear2d", x, size);
        Taps ty = Taps.of(d[2], size[0], alignCorners);
        Taps tx = Taps.of(d[3], size[1], alignCorners);
        float[] out = new float[d[0] * d[1] * size[0] * size[1]];
        bilinearPass(d, size, ty, tx, x.data(), out, false);
        return CpuTensor.result("upsampleBilinear2d", out, Shape.of(d[0], d[1], size[0], size[1]), dy -> {
            float[] dx = new float[x.size()];
            bilinearPass(d, size, ty, tx, dy, dx, true);
            x.accumulateGrad(dx);
        }, x);
    }

    /**
     * The loops of nearest resizing: {@code out[o] = in[source of o]}, or, for the gradient
     * ({@code adjoint}), {@code out[source of o] += in[o]}; planes split over the engine's threads.
     *
     * @param d the input's dims
     * @param size the output size
     * @param rows the input row of each output row
     * @param cols the input column of each output column
     * @param in read: the input values, or the output gradient when {@code adjoint}
     * @param out written: the output values, or the input gradient (added to) when {@code adjoint}
     */
    private static void nearestPass(int[] d, int[] size, int[] rows, int[] cols, float[] in, float[] out,
                                    boolean adjoint) {
        int inPlane = d[2] * d[3];
        int outPlane = size[0] * size[1];
        Parallel.forRange(d[0] * d[1], 16, (start, end) -> {
            for (int p = start; p < end; p++) {
                for (int oy = 0, o = p * outPlane; oy < size[0]; oy++) {
                    int row = p * inPlane + rows[oy] * d[3];
                    for (int ox = 0; ox < size[1]; ox++, o++) {
                        if (adjoint) {
                            out[row + cols[ox]] += in[o];
                        } else {
                            out[o] = in[row + cols[ox]];
                        }
                    }
                }
            }
        });
    }

    /**
     * The loops of bilinear resizing: each output pixel the weighted mean of its four taps, or,
     * for the gradient ({@code adjoint}), each output pixel's gradient shared out to its four taps
     * by the same weights; planes split over the engine's threads.
     *
     * @param in read: the input values, or the output gradient when {@code adjoint}
     * @param out written: the output values, or the input gradient (added to) when {@code adjoint}
     */
    private static void bilinearPass(int[] d, int[] size, Taps ty, Taps tx, float[] in, float[] out,
                                     boolean adjoint) {
        int inPlane = d[2] * d[3];
        int outPlane = size[0] * size[1];
        Parallel.forRange(d[0] * d[1], 16, (start, end) -> {
            for (int p = start; p < end; p++) {
                int image = p * inPlane;
                for (int oy = 0, o = p * outPlane; oy < size[0]; oy++) {
                    int r0 = image + ty.lo[oy] * d[3];
                    int r1 = image + ty.hi[oy] * d[3];
                    float wy = ty.frac[oy];
                    for (int ox = 0; ox < size[1]; ox++, o++) {
                        float wx = tx.frac[ox];
                        if (adjoint) {
                            float g = in[o];
                            out[r0 + tx.lo[ox]] += (1 - wy) * (1 - wx) * g;
                            out[r0 + tx.hi[ox]] += (1 - wy) * wx * g;
                            out[r1 + tx.lo[ox]] += wy * (1 - wx) * g;
                            out[r1 + tx.hi[ox]] += wy * wx * g;
                        } else {
                            float top = (1 - wx) * in[r0 + tx.lo[ox]] + wx * in[r0 + tx.hi[ox]];
                            float bottom = (1 - wx) * in[r1 + tx.lo[ox]] + wx * in[r1 + tx.hi[ox]];
                            out[o] = (1 - wy) * top + wy * bottom;
                        }
                    }
                }
            }
        });
    }

    /** For each output index along one axis: the two input indices it reads and the weight of the second. */
    private record Taps(int[] lo, int[] hi, float[] frac) {

        static Taps of(int in, int out, boolean alignCorners) {
            int[] lo = new int[out];
            int[] hi = new int[out];
            float[] frac = new float[out];
            float scale = alignCorners ? (out > 1 ? (float) (in - 1) / (out - 1) : 0f) : (float) in / out;
            for (int i = 0; i < out; i++) {
                float src = alignCorners ? i * scale : Math.max(0f, (i + 0.5f) * scale - 0.5f);
                int i0 = Math.min((int) src, in - 1);
                lo[i] = i0;
                hi[i] = Math.min(i0 + 1, in - 1);
                frac[i] = src - i0;
            }
            return new Taps(lo, hi, frac);
        }
    }

    private static int[] dims(String op, CpuTensor x, int[] size) {
        if (x.shape().rank() != 4) {
            throw new ShapeMismatchException(op + ": input " + x.shape()
                    + " must have rank 4 [batch, channels, height, width]");
        }
        Window2d.requirePair(op, "size", size, 1);
        return x.shape().dims();
    }
}
