package org.neurite.engine.ops;

import java.util.Arrays;

import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;
import org.neurite.engine.tensor.CpuTensor;

/**
 * 2-D transposed convolution (PyTorch's {@code conv_transpose2d}): the adjoint of {@link Conv2d}
 * with the same kernel, stride, padding, dilation and groups, so its forward is a convolution's
 * input gradient and its input gradient a convolution's forward ({@link ConvProducts}). Each input
 * pixel spreads its kernel-weighted values over the larger output.
 */
public final class ConvTranspose2d {

    private ConvTranspose2d() {
    }

    /**
     * @param x the input, {@code [batch, inChannels, height, width]}
     * @param weight the kernels, {@code [inChannels, outChannels / groups, kh, kw]} (PyTorch's layout)
     * @param bias {@code [outChannels]}, or null
     * @param stride {@code {sh, sw}}
     * @param padding {@code {ph, pw}}: removed from each side of the full output (the padding of the
     *     convolution this one is the adjoint of)
     * @param outputPadding {@code {oph, opw}} added to one side of the output, each smaller than the
     *     stride or the dilation of its axis
     * @param dilation {@code {dh, dw}}
     * @param groups the number of channel groups
     * @return {@code [batch, outChannels, outH, outW]} with
     *     {@code outH = (height - 1) * sh - 2 * ph + dh * (kh - 1) + oph + 1} and likewise {@code outW}
     * @throws ShapeMismatchException if the shapes do not fit together
     * @throws IllegalArgumentException if stride, padding, output padding, dilation or groups are malformed
     */
    public static CpuTensor forward(CpuTensor x, CpuTensor weight, CpuTensor bias, int[] stride, int[] padding,
                                    int[] outputPadding, int[] dilation, int groups) {
        String op = "convTranspose2d";
        if (x.shape().rank() != 4) {
            throw new ShapeMismatchException(op + ": input " + x.shape()
                    + " must have rank 4 [batch, channels, height, width]");
        }
        if (weight.shape().rank() != 4) {
            throw new ShapeMismatchException(op + ": weight " + weight.shape()
                    + " must have rank 4 [inChannels, outChannels / groups, kh, kw]");
        }
        Window2d.requirePair(op, "stride", stride, 1);
        Window2d.requirePair(op, "padding", padding, 0);
        Window2d.requirePair(op, "output padding", outputPadding, 0);
        Window2d.requirePair(op, "dilation", dilation, 1);
        int[] xd = x.shape().dims();
        int[] wd = weight.shape().dims();
        int outC = wd[1] * groups;
        Conv2d.checkGroups(op, x, weight, groups, xd[1], outC);
        if (xd[1] != wd[0]) {
            throw new ShapeMismatchException(op + ": input " + x.shape() + " has " + xd[1]
                    + " channels but weight " + weight.shape() + " expects " + wd[0]);
        }
        for (int axis = 0; axis < 2; axis++) {
            if (outputPadding[axis] >= Math.max(stride[axis], dilation[axis])) {
                throw new IllegalArgumentException(op + ": output padding " + Arrays.toString(outputPadding)
                        + " must be smaller than the stride " + Arrays.toString(stride) + " or the dilation "
                        + Arrays.toString(dilation) + " of its axis");
            }
        }
        int outH = (xd[2] - 1) * stride[0] - 2 * padding[0] + dilation[0] * (wd[2] - 1) + outputPadding[0] + 1;
        int outW = (xd[3] - 1) * stride[1] - 2 * padding[1] + dilation[1] * (wd[3] - 1) + outputPadding[1] + 1;
        if (outH < 1 || outW < 1) {
            throw new ShapeMismatchException(op + ": input " + x.shape() + " with kernel [" + wd[2] + ", " + wd[3]
                    + "] and padding " + Arrays.toString(padding) + " gives an empty output " + outH + "x" + outW);
        }
        if (bias != null && !bias.shape().equals(Shape.of(outC))) {
            throw new ShapeMismatchException(op + ": bias " + bias.shape() + " does not fit weight "
                    + weight.shape() + " with " + groups + " groups (expected [" + outC + "])");
        }
        // The convolution this op is the adjoint of: from [batch, outC, outH, outW] to x's shape.
        Window2d g = new Window2d(xd[0], wd[1], outH, outW, wd[2], wd[3], stride[0], stride[1], padding[0],
                padding[1], dilation[0], dilation[1], xd[2], xd[3]);
        ConvProducts conv = new ConvProducts(g, groups, xd[1]);
        float[] out = new float[xd[0] * outC * outH * outW];
        conv.foldTransposed(weight.data(), x.data(), out);
        if (bias != null) {
            ChannelBias.addBias(bias.data(), out, outH * outW);
        }
        return CpuTensor.result(op, out, Shape.of(xd[0], outC, outH, outW), dy -> {
            if (x.requiresGrad()) {
                float[] dx = new float[x.size()];
                conv.convolve(weight.data(), null, dy, dx);
                x.adoptGrad(dx);
            }
            if (weight.requiresGrad()) {
                weight.adoptGrad(conv.weightGradient(x.data(), dy));
            }
            if (bias != null && bias.requiresGrad()) {
                bias.adoptGrad(ChannelBias.biasGradient(dy, outC, outH * outW));
            }
        }, x, weight, bias);
    }
}
