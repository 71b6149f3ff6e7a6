package org.neurite.engine.ops;

import java.util.Arrays;

import org.neurite.api.ShapeMismatchException;
import org.neurite.engine.tensor.CpuTensor;

/**
 * The geometry of a sliding 2-D window over the last two axes of an image batch
 * {@code [batch, channels, height, width]}: kernel, stride, zero padding on each side, dilation
 * (the spacing of the kernel's taps) and the output size
 * {@code (size + padBefore + padAfter - dilation * (kernel - 1) - 1) / stride + 1} per axis.
 * Shared by convolution, transposed convolution and pooling.
 *
 * <p>Only the padding above ({@code pt}) and left ({@code pl}) place a tap; the padding below and
 * right only change the output size, so they are not kept.
 *
 * @param batch images in the batch
 * @param channels channels the window reads per image (per group, for a grouped convolution)
 * @param height input height
 * @param width input width
 * @param kh kernel height
 * @param kw kernel width
 * @param sh vertical stride
 * @param sw horizontal stride
 * @param pt padding added above
 * @param pl padding added on the left
 * @param dh vertical dilation
 * @param dw horizontal dilation
 * @param outH output height
 * @param outW output width
 */
record Window2d(int batch, int channels, int height, int width, int kh, int kw, int sh, int sw, int pt, int pl,
                int dh, int dw, int outH, int outW) {

    /**
     * Validates the arguments of a pooling op (padding the same on both sides, no dilation) and
     * computes its output size.
     *
     * @param op the op's name, for messages
     * @param x the input, which must be of rank 4
     * @param kernel {@code {kh, kw}}, positive
     * @param stride {@code {sh, sw}}, positive
     * @param padding {@code {ph, pw}}, not negative
     * @return the geometry
     * @throws ShapeMismatchException if the input is not of rank 4 or the kernel is larger than the padded input
     * @throws IllegalArgumentException if kernel, stride or padding are malformed
     */
    static Window2d of(String op, CpuTensor x, int[] kernel, int[] stride, int[] padding) {
        requirePair(op, "padding", padding, 0);
        return of(op, x, kernel, stride, padding, new int[] {1, 1});
    }

    /**
     * Validates the arguments of a convolution and computes its output size.
     *
     * @param op the op's name, for messages
     * @param x the input, which must be of rank 4
     * @param kernel {@code {kh, kw}}, positive
     * @param stride {@code {sh, sw}}, positive
     * @param padding {@code {ph, pw}} on both sides, or {@code {top, bottom, left, right}}; not negative
     * @param dilation {@code {dh, dw}}, positive
     * @return the geometry
     * @throws ShapeMismatchException if the input is not of rank 4 or the dilated kernel is larger than the
     *     padded input
     * @throws IllegalArgumentException if kernel, stride, padding or dilation are malformed
     */
    static Window2d of(String op, CpuTensor x, int[] kernel, int[] stride, int[] padding, int[] dilation) {
        if (x.shape().rank() != 4) {
            throw new ShapeMismatchException(op + ": input " + x.shape()
                    + " must have rank 4 [batch, channels, height, width]");
        }
        requirePair(op, "kernel", kernel, 1);
        requirePair(op, "stride", stride, 1);
        requirePair(op, "dilation", dilation, 1);
        int[] pad = sides(op, padding);
        int[] d = x.shape().dims();
        int paddedH = d[2] + pad[0] + pad[1];
        int paddedW = d[3] + pad[2] + pad[3];
        int spanH = dilation[0] * (kernel[0] - 1) + 1;
        int spanW = dilation[1] * (kernel[1] - 1) + 1;
        if (spanH > paddedH || spanW > paddedW) {
            String dilated = dilation[0] == 1 && dilation[1] == 1 ? ""
                    : " (spanning " + spanH + "x" + spanW + " with dilation " + Arrays.toString(dilation) + ")";
            throw new ShapeMismatchException(op + ": kernel " + Arrays.toString(kernel) + dilated
                    + " is larger than the padded input " + paddedH + "x" + paddedW + " of input " + x.shape()
                    + " with padding " + Arrays.toString(padding));
        }
        return new Window2d(d[0], d[1], d[2], d[3], kernel[0], kernel[1], stride[0], stride[1], pad[0], pad[2],
                dilation[0], dilation[1], (paddedH - spanH) / stride[0] + 1, (paddedW - spanW) / stride[1] + 1);
    }

    /** @return the padding as {@code {top, bottom, left, right}} */
    static int[] sides(String op, int[] padding) {
        if (padding == null || (padding.length != 2 && padding.length != 4)) {
            throw new IllegalArgumentException(op + ": padding must be {vertical, horizontal} or {top, bottom, left,"
                    + " right}, got " + Arrays.toString(padding));
        }
        for (int p : padding) {
            if (p < 0) {
                throw new IllegalArgumentException(op + ": padding " + Arrays.toString(padding)
                        + " must be at least 0");
            }
        }
        return padding.length == 4 ? padding.clone() : new int[] {padding[0], padding[0], padding[1], padding[1]};
    }

    static void requirePair(String op, String what, int[] pair, int min) {
        if (pair == null || pair.length != 2) {
            throw new IllegalArgumentException(op + ": " + what + " must be two numbers {vertical, horizontal}, got "
                    + Arrays.toString(pair));
        }
        if (pair[0] < min || pair[1] < min) {
            throw new IllegalArgumentException(op + ": " + what + " " + Arrays.toString(pair) + " must be at least "
                    + min);
        }
    }

    /** @return this geometry reading {@code c} channels per image, as one group of a grouped convolution does */
    Window2d withChannels(int c) {
        return new Window2d(batch, c, height, width, kh, kw, sh, sw, pt, pl, dh, dw, outH, outW);
    }

    /** @return pixels in one input plane */
    int inPlane() {
        return height * width;
    }

    /** @return pixels in one output plane */
    int outPlane() {
        return outH * outW;
    }

    /** @return kernel taps over the channels read: the rows of the im2col matrix */
    int taps() {
        return channels * kh * kw;
    }
}
