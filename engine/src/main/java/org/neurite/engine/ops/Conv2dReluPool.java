package org.neurite.engine.ops;

import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;
import org.neurite.engine.autograd.SpareGradients;
import org.neurite.engine.kernel.MaxPool2x2;
import org.neurite.engine.kernel.Parallel;
import org.neurite.engine.kernel.PlaneRuns;
import org.neurite.engine.kernel.ShiftedRuns;
import org.neurite.engine.tensor.CpuTensor;

/**
 * A convolution with ReLU followed by max pooling over 2x2 windows of stride 2, as one op: the
 * values and gradients of {@link Conv2d#forward(CpuTensor, CpuTensor, CpuTensor, int[], int[], int[], int, boolean)}
 * followed by {@link Pooling#maxPool2d}, without the convolution's output in memory. The forward
 * pass convolves a few images at a time (a block of {@link ConvProducts}, or one image of
 * {@link DirectConv2d}) into a buffer that stays in the cache, pools it at once and keeps only the
 * pooled maps and each window's winner ({@link MaxPool2x2#forwardRanked}: the first maximum, as the
 * pooling picks it, or none where the maximum is not positive, since ReLU then passes no gradient).
 * The backward pass rebuilds the convolution's output gradient for the same few images in a
 * buffer of that size (each window's gradient to its winner, zero elsewhere) and runs the
 * convolution's three gradients from it. On the reference CNN's conv1 this spares a 12.8 MB output
 * written and read twice and a 12.8 MB gradient written and read three times per step.
 *
 * <p>The blocks and batch parts are those of the unfused op, so the weight, bias and input
 * gradients are summed in the same order: equal bit for bit. Maps of odd height or width (where
 * the pool drops a row or column) run unfused.
 */
public final class Conv2dReluPool {

    /**
     * Whether the op runs fused; the system property {@code neurite.conv.fusePool=false} runs the two
     * ops one after another instead, for comparison.
     */
    static final boolean FUSED = Boolean.parseBoolean(System.getProperty("neurite.conv.fusePool", "true"));

    private static final int[] WINDOW = {2, 2};
    private static final int[] NO_PADDING = {0, 0};

    /** Each thread's block of convolution outputs or of their gradients, kept from call to call. */
    private static final ThreadLocal<float[]> BLOCK = ThreadLocal.withInitial(() -> new float[0]);

    private Conv2dReluPool() {
    }

    /**
     * {@code maxPool2d(relu(conv2d(x, weight, bias)), 2, 2)}.
     *
     * @param x the input, {@code [batch, inChannels, height, width]}
     * @param weight the kernels, {@code [outChannels, inChannels / groups, kh, kw]}
     * @param bias {@code [outChannels]}, or null
     * @param stride {@code {sh, sw}}
     * @param padding zero padding {@code {ph, pw}} on both sides, or {@code {top, bottom, left, right}}
     * @param dilation {@code {dh, dw}}: the spacing of the kernel's taps
     * @param groups splits input and output channels into that many groups, each convolved on its own
     * @return {@code [batch, outChannels, outH / 2, outW / 2]}, with the convolution's {@code outH, outW}
     * @throws ShapeMismatchException if the shapes do not fit together
     * @throws IllegalArgumentException if stride, padding, dilation or groups are malformed
     */
    public static CpuTensor forward(CpuTensor x, CpuTensor weight, CpuTensor bias, int[] stride, int[] padding,
                                    int[] dilation, int groups) {
        ConvProducts conv = Conv2d.products(x, weight, bias, stride, padding, dilation, groups);
        Window2d g = conv.g();
        if (!FUSED || g.outH() % 2 != 0 || g.outW() % 2 != 0) {
            return Pooling.maxPool2d(Conv2d.forward(x, weight, bias, stride, padding, dilation, groups, true),
                    WINDOW, WINDOW, NO_PADDING);
        }
        int outC = conv.outChannels();
        float[] out = new float[g.batch() * outC * g.outPlane() / 4];
        float[] ranks = new float[out.length];
        boolean direct = DirectConv2d.suits(g, groups);
        float[] b = bias == null ? null : bias.data();
        if (direct) {
            forwardDirect(g, outC, weight.data(), b, x.data(), out, ranks);
        } else {
            forwardProducts(conv, weight.data(), b, x.data(), out, ranks);
        }
        Shape shape = Shape.of(g.batch(), outC, g.outH() / 2, g.outW() / 2);
        return CpuTensor.result("conv2d+relu+maxPool2d", out, shape,
                dy -> backward(conv, direct, x, weight, bias, dy, ranks), x, weight, bias);
    }

    /** One image at a time, each output channel pooled from the direct kernel's padded-width run. */
    private static void forwardDirect(Window2d g, int outC, float[] weight, float[] bias, float[] images, float[] out,
                                      float[] ranks) {
        int wp = DirectConv2d.paddedWidth(g);
        int span = DirectConv2d.span(g);
        int[] shifts = DirectConv2d.shifts(g);
        int pooled = g.outPlane() / 4;
        Parallel.forRange(g.batch(), 1, (start, end) -> {
            float[] padded = new float[g.channels() * DirectConv2d.paddedPlane(g)];
            float[] acc = new float[span];
            for (int n = start; n < end; n++) {
                DirectConv2d.pad(g, images, n, padded);
                for (int o = 0; o < outC; o++) {
                    ShiftedRuns.weightedSum(weight, o * g.taps(), shifts, padded, bias == null ? 0f : bias[o], acc, 0,
                            span);
                    pool(acc, 0, wp, g, 0f, out, ranks, (n * outC + o) * pooled);
                }
            }
        });
    }

    /** A block of images per product, as {@link ConvProducts#convolve}, pooled from the product. */
    private static void forwardProducts(ConvProducts conv, float[] weight, float[] bias, float[] images, float[] out,
                                        float[] ranks) {
        Window2d g = conv.g();
        int nb = conv.imagesPerProduct();
        int og = conv.outPerGroup();
        int plane = g.outPlane();
        int pooled = plane / 4;
        Parallel.forRange(g.batch(), 1, (start, end) -> {
            float[] cols = conv.colsScratch();
            float[] product = block(og * nb * plane);
            for (int n0 = start; n0 < end; n0 += nb) {
                int count = Math.min(nb, end - n0);
                int ld = count * plane;
                for (int group = 0; group < conv.groups(); group++) {
                    conv.unfoldBlock(images, n0, count, group, cols);
                    conv.productBlock(weight, cols, count, group, product);
                    for (int o = 0; o < og; o++) {
                        int c = group * og + o;
                        for (int i = 0; i < count; i++) {
                            pool(product, o * ld + i * plane, g.outW(), g, bias == null ? 0f : bias[c], out, ranks,
                                    ((n0 + i) * conv.outChannels() + c) * pooled);
                        }
                    }
                }
            }
        });
    }

    /**
     * The convolution's gradients from the pooled output's, over the unfused op's batch parts and
     * blocks: per block, its output gradient is rebuilt in this thread's buffer and used at once.
     */
    private static void backward(ConvProducts conv, boolean direct, CpuTensor x, CpuTensor weight, CpuTensor bias,
                                 float[] dy, float[] ranks) {
        Window2d g = conv.g();
        int outC = conv.outChannels();
        int batch = g.batch();
        int plane = g.outPlane();
        boolean wantW = weight.requiresGrad();
        float[] dx = x.requiresGrad() ? SpareGradients.take(x.size()) : null;
        // each image's and channel's sum, added over the batch in order afterwards, as the unfused op does
        float[] planeSums = bias != null && bias.requiresGrad() ? new float[batch * outC] : null;
        int parts = conv.weightParts();
        float[][] partSums = new float[parts][];
        Parallel.forRange(parts, 1, (firstPart, endPart) -> {
            float[] cols = conv.colsScratch();
            for (int part = firstPart; part < endPart; part++) {
                float[] dw = wantW ? new float[outC * g.taps()] : null;
                int start = part * batch / parts;
                int end = (part + 1) * batch / parts;
                if (direct) {
                    backwardDirect(conv, x.data(), weight.data(), dy, ranks, start, end, cols, dx, dw, planeSums);
                } else {
                    int nb = conv.imagesPerProduct();
                    int og = conv.outPerGroup();
                    float[] grads = block(og * nb * plane);
                    for (int n0 = start; n0 < end; n0 += nb) {
                        int count = Math.min(nb, end - n0);
                        for (int group = 0; group < conv.groups(); group++) {
                            for (int o = 0; o < og; o++) {
                                for (int i = 0; i < count; i++) {
                                    int c = group * og + o;
                                    int to = (o * count + i) * plane;
                                    unpool(dy, ranks, ((n0 + i) * outC + c) * plane / 4, g, grads, to);
                                    if (planeSums != null) {
                                        planeSums[(n0 + i) * outC + c] = PlaneRuns.maskedSum(grads, null, to, plane);
                                    }
                                }
                            }
                            if (dw != null) {
                                conv.weightGradientBlock(grads, 0, x.data(), n0, count, group, cols, dw);
                            }
                            if (dx != null) {
                                conv.foldBlock(weight.data(), grads, 0, dx, n0, count, group, cols, true);
                            }
                        }
                    }
                }
                partSums[part] = dw;
            }
        });
        if (dx != null) {
            x.adoptGrad(dx);
        }
        if (wantW) {
            weight.adoptGrad(direct ? DirectConv2d.sumInOrder(partSums) : conv.sumWeightParts(partSums));
        }
        if (planeSums != null) {
            float[] db = new float[outC];
            for (int c = 0; c < outC; c++) {
                float sum = 0f;
                for (int n = 0; n < batch; n++) {
                    sum += planeSums[n * outC + c];
                }
                db[c] = sum;
            }
            bias.adoptGrad(db);
        }
    }

    /** Images {@code [start, end)} of one part, one at a time, as {@link DirectConv2d#weightGradient}. */
    private static void backwardDirect(ConvProducts conv, float[] images, float[] weight, float[] dy, float[] ranks,
                                       int start, int end, float[] cols, float[] dx, float[] dw, float[] planeSums) {
        Window2d g = conv.g();
        int outC = conv.outChannels();
        int plane = g.outPlane();
        float[] grads = block(outC * plane);
        float[] padded = dw == null ? null : new float[g.channels() * DirectConv2d.paddedPlane(g)];
        // the output's gradient in the padded width: the dropped positions stay zero
        float[] dyPadded = dw == null ? null : new float[DirectConv2d.span(g)];
        int[] shifts = DirectConv2d.shifts(g);
        for (int n = start; n < end; n++) {
            for (int c = 0; c < outC; c++) {
                unpool(dy, ranks, (n * outC + c) * plane / 4, g, grads, c * plane);
                if (planeSums != null) {
                    planeSums[n * outC + c] = PlaneRuns.maskedSum(grads, null, c * plane, plane);
                }
            }
            if (dw != null) {
                DirectConv2d.pad(g, images, n, padded);
                DirectConv2d.weightGradientImage(g, outC, grads, 0, shifts, padded, dyPadded, dw);
            }
            if (dx != null) {
                conv.foldBlock(weight, grads, 0, dx, n, 1, 0, cols, true);
            }
        }
    }

    /** Pools one map of the convolution, its rows {@code rowStride} apart from {@code from} on. */
    private static void pool(float[] src, int from, int rowStride, Window2d g, float bias, float[] out, float[] ranks,
                             int o) {
        MaxPool2x2.forwardRanked(src, from, rowStride, g.outH(), g.outW(), bias, out, ranks, o);
    }

    /** Writes the gradient of one map of the convolution (after ReLU's mask) into {@code grads} from {@code to} on. */
    private static void unpool(float[] dy, float[] ranks, int o, Window2d g, float[] grads, int to) {
        MaxPool2x2.backwardRanked(dy, ranks, o, g.outH(), g.outW(), grads, to);
    }

    /** @return this thread's block buffer, of at least {@code size} floats */
    private static float[] block(int size) {
        float[] mine = BLOCK.get();
        if (mine.length < size) {
            mine = new float[size];
            BLOCK.set(mine);
        }
        return mine;
    }
}
