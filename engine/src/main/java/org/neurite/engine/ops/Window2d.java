package org.neurite.engine.ops;

import java.util.Arrays;

import org.neurite.api.ShapeMismatchException;
import org.neurite.engine.tensor.CpuTensor;

/**
 * The geometry of a sliding 2-D window over the last two axes of an image batch
 * {@code [batch, channels, height, width]}: kernel, stride, zero padding and the output size
 * {@code (size + 2 * pad - kernel) / stride + 1} per axis. Shared by convolution and pooling.
 *
 * @param batch images in the batch
 * @param channels channels per image
 * @param height input height
 * @param width input width
 * @param kh kernel height
 * @param kw kernel width
 * @param sh vertical stride
 * @param sw horizontal stride
 * @param ph padding added above and below
 * @param pw padding added left and right
 * @param outH output height
 * @param outW output width
 */
record Window2d(int batch, int channels, int height, int width, int kh, int kw, int sh, int sw, int ph, int pw,
                int outH, int outW) {

    /**
     * Validates the arguments of a windowed op and computes its output size.
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
        if (x.shape().rank() != 4) {
            throw new ShapeMismatchException(op + ": input " + x.shape()
                    + " must have rank 4 [batch, channels, height, width]");
        }
        requirePair(op, "kernel", kernel, 1);
        requirePair(op, "stride", stride, 1);
        requirePair(op, "padding", padding, 0);
        int[] d = x.shape().dims();
        int paddedH = d[2] + 2 * padding[0];
        int paddedW = d[3] + 2 * padding[1];
        if (kernel[0] > paddedH || kernel[1] > paddedW) {
            throw new ShapeMismatchException(op + ": kernel " + Arrays.toString(kernel)
                    + " is larger than the padded input " + paddedH + "x" + paddedW + " of input " + x.shape()
                    + " with padding " + Arrays.toString(padding));
        }
        return new Window2d(d[0], d[1], d[2], d[3], kernel[0], kernel[1], stride[0], stride[1],
                padding[0], padding[1], (paddedH - kernel[0]) / stride[0] + 1, (paddedW - kernel[1]) / stride[1] + 1);
    }

    private static void requirePair(String op, String what, int[] pair, int min) {
        if (pair == null || pair.length != 2) {
            throw new IllegalArgumentException(op + ": " + what + " must be two numbers {vertical, horizontal}, got "
                    + Arrays.toString(pair));
        }
        if (pair[0] < min || pair[1] < min) {
            throw new IllegalArgumentException(op + ": " + what + " " + Arrays.toString(pair) + " must be at least "
                    + min);
        }
    }

    /** @return pixels in one input plane */
    int inPlane() {
        return height * width;
    }

    /** @return pixels in one output plane */
    int outPlane() {
        return outH * outW;
    }
}
