package org.neurite.engine.ops;

import java.util.Arrays;

import org.neurite.engine.kernel.Parallel;
import org.neurite.engine.kernel.ShiftedRuns;

/**
 * Direct convolution for windows of few taps (a first layer over one or three channels): stride 1,
 * no dilation, one group. Through im2col such a layer is a product only {@code channels * kh * kw}
 * deep (9 for a 3x3 kernel over one channel), too shallow for the GEMM: its forward writes and
 * rereads every output many times, and its weight gradient pads 9 columns to a whole register
 * tile. Here each image is copied once into a zero-padded plane; every output channel is the
 * sum of the plane shifted under each tap and scaled by that tap's weight, and every weight's
 * gradient the dot product of the output's gradient with the plane under its tap
 * ({@link ShiftedRuns}, vectorised).
 *
 * <p>Positions are counted in the padded plane's width {@code wp = outW + kw - 1}: output pixel
 * {@code (oy, ox)} sits at {@code q = oy * wp + ox} and its tap {@code (c, ky, kx)} reads the padded
 * plane of channel {@code c} at {@code q + ky * wp + kx}. The {@code kw - 1} positions past the end
 * of each output row are computed and dropped (in the forward) or given a zero gradient (in the
 * weight gradient), so that a whole image is one run.
 */
final class DirectConv2d {

    /**
     * The most taps ({@code channels * kh * kw}) a convolution may have to run directly. On the
     * reference model's first layer (9 taps) the direct kernels cost a fraction of im2col and GEMM
     * (see {@code Conv2dBenchmark}); by 27 taps (3x3 over RGB) the product is deep enough for the
     * GEMM. The system property {@code neurite.conv.directTaps} overrides it (0 turns it off).
     */
    static final int MAX_TAPS = Integer.getInteger("neurite.conv.directTaps", 18);

    /** The weight gradient is summed over at most this many batch parts, always in the same order. */
    static final int MAX_WEIGHT_PARTS = 8;

    private DirectConv2d() {
    }

    /**
     * @param g the window geometry
     * @param groups the channel groups
     * @return whether the convolution runs directly
     */
    static boolean suits(Window2d g, int groups) {
        return groups == 1 && g.sh() == 1 && g.sw() == 1 && g.dh() == 1 && g.dw() == 1 && g.taps() <= MAX_TAPS;
    }

    /**
     * {@code maps = conv(images, weight) + bias}, overwriting {@code maps}, then ReLU if asked.
     *
     * @param g the window geometry (one group)
     * @param outChannels the output channels
     * @param weight {@code [outChannels, channels, kh, kw]}
     * @param bias {@code [outChannels]}, or null
     * @param images the input values
     * @param maps receives the output values
     * @param relu whether ReLU follows: negative values become zero on each output row while it is
     *     in the cache, not in a pass of its own
     */
    static void forward(Window2d g, int outChannels, float[] weight, float[] bias, float[] images, float[] maps,
                        boolean relu) {
        int wp = paddedWidth(g);
        int span = span(g);
        int taps = g.taps();
        int outW = g.outW();
        int[] shifts = shifts(g);
        Parallel.forRange(g.batch(), 1, (start, end) -> {
            float[] padded = new float[g.channels() * paddedPlane(g)];
            float[] acc = new float[span];
            for (int n = start; n < end; n++) {
                pad(g, images, n, padded);
                for (int o = 0; o < outChannels; o++) {
                    ShiftedRuns.weightedSum(weight, o * taps, shifts, padded, bias == null ? 0f : bias[o], acc, 0,
                            span);
                    int dst = (n * outChannels + o) * g.outPlane();
                    for (int oy = 0; oy < g.outH(); oy++) {
                        System.arraycopy(acc, oy * wp, maps, dst + oy * outW, outW);
                    }
                    if (relu) {
                        Activations.reluRange(maps, dst, dst + g.outPlane());
                    }
                }
            }
        });
    }

    /**
     * The weight gradient {@code sum over the batch of dy x shifted images}, summed over the same
     * batch parts in the same order whatever the number of threads: per image and output channel,
     * one dot product of the output's gradient with the padded image under each tap.
     *
     * @param g the window geometry (one group)
     * @param outChannels the output channels
     * @param maps the gradient of the output
     * @param images the input values
     * @return the gradient, {@code [outChannels, channels, kh, kw]}
     */
    static float[] weightGradient(Window2d g, int outChannels, float[] maps, float[] images) {
        int span = span(g);
        int taps = g.taps();
        int batch = g.batch();
        int[] shifts = shifts(g);
        int parts = Math.min(batch, MAX_WEIGHT_PARTS);
        float[][] partSums = new float[parts][];
        Parallel.forRange(parts, 1, (firstPart, endPart) -> {
            float[] padded = new float[g.channels() * paddedPlane(g)];
            // the output's gradient in the padded width: the dropped positions stay zero
            float[] dy = new float[span];
            for (int part = firstPart; part < endPart; part++) {
                float[] dw = new float[outChannels * taps];
                int end = (part + 1) * batch / parts;
                for (int n = part * batch / parts; n < end; n++) {
                    pad(g, images, n, padded);
                    weightGradientImage(g, outChannels, maps, n * outChannels * g.outPlane(), shifts, padded, dy, dw);
                }
                partSums[part] = dw;
            }
        });
        return sumInOrder(partSums);
    }

    /**
     * @param partSums each batch part's weight gradient
     * @return the parts added in order into the first: the same sums whatever the number of threads
     */
    static float[] sumInOrder(float[][] partSums) {
        float[] sum = partSums[0];
        for (int part = 1; part < partSums.length; part++) {
            float[] p = partSums[part];
            for (int i = 0; i < sum.length; i++) {
                sum[i] += p[i];
            }
        }
        return sum;
    }

    /**
     * Adds one image's share of the weight gradient to {@code dw}.
     *
     * @param g the window geometry (one group)
     * @param outChannels the output channels
     * @param maps the gradient of the image's output, {@code [outChannels, outH, outW]} from {@code off} on
     * @param off where it starts
     * @param shifts from {@link #shifts}
     * @param padded the image, padded by {@link #pad}
     * @param dy scratch of {@link #span} floats whose positions past each row's end are zero
     * @param dw the sum, {@code [outChannels, channels, kh, kw]}
     */
    static void weightGradientImage(Window2d g, int outChannels, float[] maps, int off, int[] shifts, float[] padded,
                                    float[] dy, float[] dw) {
        int wp = paddedWidth(g);
        int outW = g.outW();
        for (int o = 0; o < outChannels; o++) {
            int src = off + o * g.outPlane();
            for (int oy = 0; oy < g.outH(); oy++) {
                System.arraycopy(maps, src + oy * outW, dy, oy * wp, outW);
            }
            ShiftedRuns.dots(dy, 0, shifts, padded, dw, o * g.taps(), span(g));
        }
    }

    /** Where the run of each tap {@code (c, ky, kx)} starts in the padded planes, in the weight's order. */
    static int[] shifts(Window2d g) {
        int[] shifts = new int[g.taps()];
        int t = 0;
        for (int c = 0; c < g.channels(); c++) {
            for (int ky = 0; ky < g.kh(); ky++) {
                for (int kx = 0; kx < g.kw(); kx++) {
                    shifts[t++] = c * paddedPlane(g) + ky * paddedWidth(g) + kx;
                }
            }
        }
        return shifts;
    }

    /** Copies image {@code n} into the interior of its zero-padded planes; the border stays zero. */
    static void pad(Window2d g, float[] images, int n, float[] padded) {
        int wp = paddedWidth(g);
        int plane = paddedPlane(g);
        for (int c = 0; c < g.channels(); c++) {
            int src = (n * g.channels() + c) * g.inPlane();
            int dst = c * plane + g.pt() * wp + g.pl();
            for (int y = 0; y < g.height(); y++) {
                System.arraycopy(images, src + y * g.width(), padded, dst + y * wp, g.width());
            }
        }
    }

    /** The padded plane's width: the output's plus the kernel's overhang (stride 1). */
    static int paddedWidth(Window2d g) {
        return g.outW() + g.kw() - 1;
    }

    static int paddedPlane(Window2d g) {
        return (g.outH() + g.kh() - 1) * paddedWidth(g);
    }

    /** Positions from the first output pixel to the last, in the padded width. */
    static int span(Window2d g) {
        return (g.outH() - 1) * paddedWidth(g) + g.outW();
    }
}
