package org.neurite.engine.ops;

import java.util.Arrays;

import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;
import org.neurite.engine.kernel.Gemm;
import org.neurite.engine.kernel.Parallel;
import org.neurite.engine.tensor.CpuTensor;

/**
 * 2-D convolution (cross-correlation, as PyTorch's {@code conv2d}) by im2col and one matrix
 * product per image: {@code out[b] = weight[outC, inC*kh*kw] x cols(x[b])[inC*kh*kw, outH*outW]}.
 * The batch is split over the engine's threads; each chunk owns its scratch columns.
 */
public final class Conv2d {

    /** The weight gradient is summed over at most this many batch parts, always in the same order. */
    private static final int MAX_WEIGHT_PARTS = 8;

    private Conv2d() {
    }

    /**
     * Convolves an image batch.
     *
     * @param x the input, {@code [batch, inChannels, height, width]}
     * @param weight the kernels, {@code [outChannels, inChannels, kh, kw]}
     * @param bias {@code [outChannels]}, or null
     * @param stride {@code {sh, sw}}
     * @param padding zero padding {@code {ph, pw}} on each side
     * @return {@code [batch, outChannels, outH, outW]}
     * @throws ShapeMismatchException if the shapes do not fit together
     */
    public static CpuTensor forward(CpuTensor x, CpuTensor weight, CpuTensor bias, int[] stride, int[] padding) {
        if (weight.shape().rank() != 4) {
            throw new ShapeMismatchException("conv2d: weight " + weight.shape()
                    + " must have rank 4 [outChannels, inChannels, kh, kw]");
        }
        int[] wd = weight.shape().dims();
        Window2d g = Window2d.of("conv2d", x, new int[] {wd[2], wd[3]}, stride, padding);
        if (g.channels() != wd[1]) {
            throw new ShapeMismatchException("conv2d: input " + x.shape() + " has " + g.channels()
                    + " channels but weight " + weight.shape() + " expects " + wd[1]);
        }
        int outC = wd[0];
        if (bias != null && !bias.shape().equals(Shape.of(outC))) {
            throw new ShapeMismatchException("conv2d: bias " + bias.shape() + " does not fit weight "
                    + weight.shape() + " (expected [" + outC + "])");
        }
        float[] out = new float[g.batch() * outC * g.outPlane()];
        float[] w = weight.data();
        float[] b = bias == null ? null : bias.data();
        float[] xd = x.data();
        int taps = g.channels() * g.kh() * g.kw();
        Parallel.forRange(g.batch(), 1, (start, end) -> {
            float[] cols = new float[taps * g.outPlane()];
            for (int n = start; n < end; n++) {
                int outOff = n * outC * g.outPlane();
                if (b != null) {
                    for (int o = 0; o < outC; o++) {
                        Arrays.fill(out, outOff + o * g.outPlane(), outOff + (o + 1) * g.outPlane(), b[o]);
                    }
                }
                Im2col.unfold(g, xd, n * g.channels() * g.inPlane(), cols);
                Gemm.sgemm(false, false, outC, g.outPlane(), taps, 1f, w, 0, taps, cols, 0, g.outPlane(),
                        b == null ? 0f : 1f, out, outOff, g.outPlane());
            }
        });
        Shape shape = Shape.of(g.batch(), outC, g.outH(), g.outW());
        return CpuTensor.result("conv2d", out, shape, dy -> backward(g, x, weight, bias, dy), x, weight, bias);
    }

    private static void backward(Window2d g, CpuTensor x, CpuTensor weight, CpuTensor bias, float[] dy) {
        int outC = weight.shape().dim(0);
        int taps = g.channels() * g.kh() * g.kw();
        int outPlane = g.outPlane();
        boolean needX = x.requiresGrad();
        boolean needW = weight.requiresGrad();
        float[] dx = needX ? new float[x.size()] : null;
        int parts = Math.min(g.batch(), MAX_WEIGHT_PARTS);
        float[][] dwParts = new float[parts][];
        float[] w = weight.data();
        float[] xd = x.data();
        if (needX || needW) {
            Parallel.forRange(parts, 1, (firstPart, endPart) -> {
                float[] cols = new float[taps * outPlane];
                for (int part = firstPart; part < endPart; part++) {
                    float[] dw = needW ? new float[weight.size()] : null;
                    for (int n = part * g.batch() / parts; n < (part + 1) * g.batch() / parts; n++) {
                        int dyOff = n * outC * outPlane;
                        int xOff = n * g.channels() * g.inPlane();
                        if (needW) {
                            Im2col.unfold(g, xd, xOff, cols);
                            Gemm.sgemm(false, true, outC, taps, outPlane, 1f, dy, dyOff, outPlane, cols, 0, outPlane,
                                    1f, dw, 0, taps);
                        }
                        if (needX) {
                            Gemm.sgemm(true, false, taps, outPlane, outC, 1f, w, 0, taps, dy, dyOff, outPlane,
                                    0f, cols, 0, outPlane);
                            Im2col.foldAdd(g, cols, dx, xOff);
                        }
                    }
                    dwParts[part] = dw;
                }
            });
        }
        if (needX) {
            x.accumulateGrad(dx);
        }
        if (needW) {
            float[] dw = parts == 0 ? new float[weight.size()] : dwParts[0];
            for (int part = 1; part < parts; part++) {
                for (int i = 0; i < dw.length; i++) {
                    dw[i] += dwParts[part][i];
                }
            }
            weight.accumulateGrad(dw);
        }
        if (bias != null && bias.requiresGrad()) {
            float[] db = new float[outC];
            for (int n = 0; n < g.batch(); n++) {
                for (int o = 0; o < outC; o++) {
                    int off = (n * outC + o) * outPlane;
                    float s = 0f;
                    for (int p = 0; p < outPlane; p++) {
                        s += dy[off + p];
                    }
                    db[o] += s;
                }
            }
            bias.accumulateGrad(db);
        }
    }
}
