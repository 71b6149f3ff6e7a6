package org.neurite.engine.ops;

import org.neurite.api.ShapeMismatchException;
import org.neurite.engine.tensor.CpuTensor;

/**
 * 1-D convolution (PyTorch's {@code conv1d}) as a {@link Conv2d} over images one pixel high:
 * {@code [batch, channels, length]} is viewed as {@code [batch, channels, 1, length]}, the
 * kernel as {@code [out, in / groups, 1, k]}, so both backward passes are the 2-D ones.
 */
public final class Conv1d {

    private Conv1d() {
    }

    /**
     * @param x the input, {@code [batch, inChannels, length]}
     * @param weight {@code [outChannels, inChannels / groups, k]}
     * @param bias {@code [outChannels]}, or null
     * @param stride the stride, positive
     * @param padding {@code {p}} on both ends or {@code {left, right}}
     * @param dilation the spacing of the kernel's taps, positive
     * @param groups the number of channel groups
     * @return {@code [batch, outChannels, (length + left + right - dilation * (k - 1) - 1) / stride + 1]}
     */
    public static CpuTensor forward(CpuTensor x, CpuTensor weight, CpuTensor bias, int stride, int[] padding,
                                    int dilation, int groups) {
        if (x.shape().rank() != 3) {
            throw new ShapeMismatchException("conv1d: input " + x.shape() + " must have rank 3 [batch, channels,"
                    + " length]");
        }
        if (weight.shape().rank() != 3) {
            throw new ShapeMismatchException("conv1d: weight " + weight.shape() + " must have rank 3 [outChannels,"
                    + " inChannels / groups, k]");
        }
        if (padding == null || padding.length < 1 || padding.length > 2) {
            throw new IllegalArgumentException("conv1d: padding must be {both ends} or {left, right}, got "
                    + java.util.Arrays.toString(padding));
        }
        int[] xd = x.shape().dims();
        int[] wd = weight.shape().dims();
        int left = padding[0];
        int right = padding.length == 2 ? padding[1] : padding[0];
        CpuTensor image = CpuTensor.of(x.reshape(xd[0], xd[1], 1, xd[2]));
        CpuTensor kernel = CpuTensor.of(weight.reshape(wd[0], wd[1], 1, wd[2]));
        CpuTensor y = Conv2d.forward(image, kernel, bias, new int[] {1, stride}, new int[] {0, 0, left, right},
                new int[] {1, dilation}, groups);
        return CpuTensor.of(y.reshape(xd[0], wd[0], y.shape().dim(3)));
    }
}
