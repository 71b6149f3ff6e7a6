package org.neurite.engine.ops;

import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;
import org.neurite.engine.autograd.SpareGradients;
import org.neurite.engine.tensor.CpuTensor;

/**
 * 2-D convolution (cross-correlation, as PyTorch's {@code conv2d}) with stride, padding on each
 * side, dilation and groups, by im2col and matrix products ({@link ConvProducts}):
 * {@code out[b, group] = weight[group] x cols(x[b, group])}, or, for windows of few taps at
 * stride 1, directly ({@link DirectConv2d}: forward and weight gradient). Depthwise convolution is
 * the case {@code groups == inChannels}.
 */
public final class Conv2d {

    private Conv2d() {
    }

    /**
     * Convolves an image batch with padding the same on both sides, no dilation and one group.
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
        return forward(x, weight, bias, stride, padding, new int[] {1, 1}, 1);
    }

    /**
     * Convolves an image batch.
     *
     * @param x the input, {@code [batch, inChannels, height, width]}
     * @param weight the kernels, {@code [outChannels, inChannels / groups, kh, kw]}
     * @param bias {@code [outChannels]}, or null
     * @param stride {@code {sh, sw}}
     * @param padding zero padding {@code {ph, pw}} on both sides, or {@code {top, bottom, left, right}}
     * @param dilation {@code {dh, dw}}: the spacing of the kernel's taps
     * @param groups splits input and output channels into that many groups, each convolved on its own
     * @return {@code [batch, outChannels, outH, outW]} with
     *     {@code outH = (height + top + bottom - dh * (kh - 1) - 1) / sh + 1} and likewise {@code outW}
     * @throws ShapeMismatchException if the shapes do not fit together
     * @throws IllegalArgumentException if stride, padding, dilation or groups are malformed
     */
    public static CpuTensor forward(CpuTensor x, CpuTensor weight, CpuTensor bias, int[] stride, int[] padding,
                                    int[] dilation, int groups) {
        return forward(x, weight, bias, stride, padding, dilation, groups, false);
    }

    /**
     * Convolves an image batch, then applies ReLU if asked, in place: the output's gradient is
     * masked where the output is not positive (in place too, since backpropagation hands each
     * step a gradient of its own) before it flows into the convolution's. The kernels apply ReLU
     * to each map as they write it, while it is in the cache. One tensor and two passes over it
     * fewer than a convolution followed by {@link Activations#relu}, with the same values and
     * gradients.
     *
     * @param x the input, {@code [batch, inChannels, height, width]}
     * @param weight the kernels, {@code [outChannels, inChannels / groups, kh, kw]}
     * @param bias {@code [outChannels]}, or null
     * @param stride {@code {sh, sw}}
     * @param padding zero padding {@code {ph, pw}} on both sides, or {@code {top, bottom, left, right}}
     * @param dilation {@code {dh, dw}}: the spacing of the kernel's taps
     * @param groups splits input and output channels into that many groups, each convolved on its own
     * @param relu whether ReLU follows
     * @return {@code [batch, outChannels, outH, outW]}
     * @throws ShapeMismatchException if the shapes do not fit together
     * @throws IllegalArgumentException if stride, padding, dilation or groups are malformed
     */
    public static CpuTensor forward(CpuTensor x, CpuTensor weight, CpuTensor bias, int[] stride, int[] padding,
                                    int[] dilation, int groups, boolean relu) {
        ConvProducts conv = products(x, weight, bias, stride, padding, dilation, groups);
        Window2d g = conv.g();
        int outC = conv.outChannels();
        boolean direct = DirectConv2d.suits(g, groups);
        float[] out = new float[g.batch() * outC * g.outPlane()];
        if (direct) {
            DirectConv2d.forward(g, outC, weight.data(), bias == null ? null : bias.data(), x.data(), out, relu);
        } else {
            conv.convolve(weight.data(), bias == null ? null : bias.data(), x.data(), out, relu);
        }
        Shape shape = Shape.of(g.batch(), outC, g.outH(), g.outW());
        return CpuTensor.result(relu ? "conv2d+relu" : "conv2d", out, shape, dy -> {
            // ReLU's mask, and the bias gradient in the same pass over dy
            float[] db = null;
            if (bias != null && bias.requiresGrad()) {
                db = ChannelBias.maskedBiasGradient(dy, relu ? out : null, outC, g.outPlane());
            } else if (relu) {
                Activations.maskByPositive(dy, out);
            }
            if (x.requiresGrad()) {
                float[] dx = SpareGradients.take(x.size());
                conv.foldTransposedInto(weight.data(), dy, dx);
                x.adoptGrad(dx);
            }
            if (weight.requiresGrad()) {
                weight.adoptGrad(direct ? DirectConv2d.weightGradient(g, outC, dy, x.data())
                        : conv.weightGradient(dy, x.data()));
            }
            if (db != null) {
                bias.adoptGrad(db);
            }
        }, x, weight, bias);
    }

    /**
     * Checks a convolution's shapes and options.
     *
     * @return its products; their geometry has the channels of one group (all of them for one group)
     * @throws ShapeMismatchException if the shapes do not fit together
     * @throws IllegalArgumentException if stride, padding, dilation or groups are malformed
     */
    static ConvProducts products(CpuTensor x, CpuTensor weight, CpuTensor bias, int[] stride, int[] padding,
                                 int[] dilation, int groups) {
        if (weight.shape().rank() != 4) {
            throw new ShapeMismatchException("conv2d: weight " + weight.shape()
                    + " must have rank 4 [outChannels, inChannels / groups, kh, kw]");
        }
        int[] wd = weight.shape().dims();
        Window2d g = Window2d.of("conv2d", x, new int[] {wd[2], wd[3]}, stride, padding, dilation);
        int outC = wd[0];
        checkGroups("conv2d", x, weight, groups, g.channels(), outC);
        if (g.channels() != wd[1] * groups) {
            throw new ShapeMismatchException("conv2d: input " + x.shape() + " has " + g.channels()
                    + " channels but weight " + weight.shape() + " expects " + wd[1] * groups
                    + (groups == 1 ? "" : " (" + wd[1] + " per group times " + groups + " groups)"));
        }
        if (bias != null && !bias.shape().equals(Shape.of(outC))) {
            throw new ShapeMismatchException("conv2d: bias " + bias.shape() + " does not fit weight "
                    + weight.shape() + " (expected [" + outC + "])");
        }
        return new ConvProducts(g.withChannels(wd[1]), groups, outC);
    }

    /** Checks that {@code groups} divides both channel counts. */
    static void checkGroups(String op, CpuTensor x, CpuTensor weight, int groups, int inC, int outC) {
        if (groups < 1) {
            throw new IllegalArgumentException(op + ": groups must be at least 1, got " + groups);
        }
        if (inC % groups != 0 || outC % groups != 0) {
            throw new ShapeMismatchException(op + ": groups " + groups + " must divide both the input's "
                    + inC + " channels and the output's " + outC + " (input " + x.shape() + ", weight "
                    + weight.shape() + ")");
        }
    }
}
