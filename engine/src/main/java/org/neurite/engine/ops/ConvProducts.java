package org.neurite.engine.ops;

import java.util.Arrays;

import org.neurite.engine.kernel.Gemm;
import org.neurite.engine.kernel.Parallel;

/**
 * The three matrix products of a grouped 2-D convolution through im2col, shared by
 * {@link Conv2d} and {@link ConvTranspose2d} (whose forward is a convolution's input gradient and
 * whose input gradient is a convolution's forward). "Images" are tensors shaped like a
 * convolution's input {@code [batch, groups * channels, height, width]}; "maps" are shaped like its
 * output {@code [batch, outChannels, outH, outW]}; the weight is {@code [outChannels, channels, kh, kw]}
 * with {@code outChannels / groups} rows per group.
 *
 * <p>Several images can go through one matrix product side by side (their column matrices next to
 * each other, about {@link #COLUMNS_PER_PRODUCT} columns), since the per-image products of small
 * feature maps ({@code 64 x 196 x 288} on a 14x14 map) are narrow for the GEMM.
 * The batch is split over the engine's threads; each thread owns its scratch matrices and keeps
 * them for the next call.
 *
 * @param g the window geometry of one group: {@code channels} is the channels per group
 * @param groups the number of groups, each seeing its own channels
 * @param outChannels the channels of a map, over all groups
 */
record ConvProducts(Window2d g, int groups, int outChannels) {

    /**
     * How many output pixels one product aims at: enough images side by side to fill about this
     * many columns (2048 = about ten 14x14 maps); 1 keeps one image per product. On the reference
     * model's layers the two measured alike in CPU time on a loaded machine, so this is a default
     * to confirm on a quiet one: the system property {@code neurite.conv.columns} overrides it for
     * {@code Conv2dBenchmark} (bench/).
     */
    static final int COLUMNS_PER_PRODUCT = Integer.getInteger("neurite.conv.columns", 2048);

    /** The weight gradient is summed over at most this many batch parts, always in the same order. */
    private static final int MAX_WEIGHT_PARTS = 8;

    /** Which scratch matrix: the column matrix, or the output-shaped product or gathered gradient. */
    private static final int COLS = 0;
    private static final int OUTPUTS = 1;

    /**
     * Each thread's scratch matrices, kept from call to call (a training step of a small CNN would
     * otherwise allocate megabytes of them per layer, and the collector copy them while they live).
     * Every use overwrites what it reads, so their old contents never matter.
     */
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[2][0]);

    /** @return output channels per group: the rows of one group's weight */
    int outPerGroup() {
        return outChannels / groups;
    }

    /** @return channels of an image, over all groups */
    int channels() {
        return g.channels() * groups;
    }

    int imagesPerProduct() {
        return Math.max(1, Math.min(g.batch(), COLUMNS_PER_PRODUCT / Math.max(1, g.outPlane())));
    }

    private int imageOffset(int n, int group) {
        return (n * channels() + group * g.channels()) * g.inPlane();
    }

    private int mapOffset(int n, int group) {
        return (n * outChannels + group * outPerGroup()) * g.outPlane();
    }

    /**
     * {@code maps = weight x unfold(images) + bias}, overwriting {@code maps}: a convolution's forward.
     * The bias is added while each product is copied to its maps, so the output is written once.
     *
     * @param weight {@code [outChannels, channels, kh, kw]}
     * @param bias {@code [outChannels]}, or null
     * @param images the input values
     * @param maps receives the output values
     */
    void convolve(float[] weight, float[] bias, float[] images, float[] maps) {
        convolve(weight, bias, images, maps, false);
    }

    /**
     * {@link #convolve(float[], float[], float[], float[])}, then ReLU if asked, applied by the
     * thread that wrote each map while it is in the cache, not in a pass of its own.
     *
     * @param weight {@code [outChannels, channels, kh, kw]}
     * @param bias {@code [outChannels]}, or null
     * @param images the input values
     * @param maps receives the output values
     * @param relu whether negative values become zero
     */
    void convolve(float[] weight, float[] bias, float[] images, float[] maps, boolean relu) {
        int taps = g.taps();
        int plane = g.outPlane();
        int og = outPerGroup();
        forEachBlock((n0, count, group, cols, product) -> {
            int ld = count * plane;
            unfoldBlock(images, n0, count, group, cols);
            if (count == 1) {
                int dst = mapOffset(n0, group);
                if (bias != null) {
                    for (int o = 0; o < og; o++) {
                        Arrays.fill(maps, dst + o * plane, dst + (o + 1) * plane, bias[group * og + o]);
                    }
                }
                Gemm.sgemm(false, false, og, plane, taps, 1f, weight, group * og * taps, taps, cols, 0, plane,
                        bias == null ? 0f : 1f, maps, dst, plane);
                if (relu) {
                    Activations.reluRange(maps, dst, dst + og * plane);
                }
                return;
            }
            productBlock(weight, cols, count, group, product);
            for (int i = 0; i < count; i++) {
                int dst = mapOffset(n0 + i, group);
                for (int o = 0; o < og; o++) {
                    int src = o * ld + i * plane;
                    int to = dst + o * plane;
                    if (bias == null) {
                        System.arraycopy(product, src, maps, to, plane);
                    } else {
                        float b = bias[group * og + o];
                        for (int p = 0; p < plane; p++) {
                            maps[to + p] = product[src + p] + b;
                        }
                    }
                    if (relu) {
                        Activations.reluRange(maps, to, to + plane);
                    }
                }
            }
        });
    }

    /**
     * One product of the forward pass without bias: {@code product = weight[group] x cols}, the
     * outputs of {@code count} images side by side, {@code [outPerGroup, count * outPlane]}.
     *
     * @param weight {@code [outChannels, channels, kh, kw]}
     * @param cols the images unfolded by {@link #unfoldBlock}
     * @param count the images
     * @param group the group
     * @param product receives the outputs
     */
    void productBlock(float[] weight, float[] cols, int count, int group, float[] product) {
        int taps = g.taps();
        int og = outPerGroup();
        int ld = count * g.outPlane();
        Gemm.sgemm(false, false, og, ld, taps, 1f, weight, group * og * taps, taps, cols, 0, ld, 0f, product, 0, ld);
    }

    /**
     * {@code images += fold(weight^T x maps)}: a convolution's input gradient.
     *
     * @param weight {@code [outChannels, channels, kh, kw]}
     * @param maps the output-shaped values (gradients of a convolution's output)
     * @param images added to
     */
    void foldTransposed(float[] weight, float[] maps, float[] images) {
        foldTransposed(weight, maps, images, false);
    }

    /**
     * {@code images = fold(weight^T x maps)}, overwriting {@code images}: a convolution's input
     * gradient into an array that may hold anything. Each thread zeroes its own images just before
     * adding into them, so no serial pass zeroes the whole array.
     *
     * @param weight {@code [outChannels, channels, kh, kw]}
     * @param maps the output-shaped values (gradients of a convolution's output)
     * @param images overwritten
     */
    void foldTransposedInto(float[] weight, float[] maps, float[] images) {
        foldTransposed(weight, maps, images, true);
    }

    private void foldTransposed(float[] weight, float[] maps, float[] images, boolean overwrite) {
        forEachBlock((n0, count, group, cols, gathered) -> {
            boolean gather = count > 1;
            if (gather) {
                gather(maps, n0, count, group, gathered);
            }
            foldBlock(weight, gather ? gathered : maps, gather ? 0 : mapOffset(n0, group), images, n0, count, group,
                    cols, overwrite);
        });
    }

    /**
     * One product of {@link #foldTransposedInto}: {@code images += fold(weight^T x dy)} for {@code count}
     * images from {@code n0} on and one group, their output gradients side by side in {@code dy}.
     *
     * @param weight {@code [outChannels, channels, kh, kw]}
     * @param dy the group's output gradients, {@code [outPerGroup, count * outPlane]} from {@code dyOff} on
     * @param dyOff where they start
     * @param images added to, or overwritten if {@code overwrite} (zeroed when {@code group} is 0)
     * @param n0 the first image
     * @param count the images
     * @param group the group
     * @param cols the thread's column matrix, {@code [taps, count * outPlane]} at least; overwritten
     * @param overwrite whether the images' old values are dropped
     */
    void foldBlock(float[] weight, float[] dy, int dyOff, float[] images, int n0, int count, int group, float[] cols,
                   boolean overwrite) {
        int taps = g.taps();
        int plane = g.outPlane();
        int og = outPerGroup();
        int ld = count * plane;
        if (overwrite && group == 0) {
            // the block's images, zeroed by this thread just before its groups fold into them
            Arrays.fill(images, imageOffset(n0, 0), imageOffset(n0 + count, 0), 0f);
        }
        Gemm.sgemm(true, false, taps, ld, og, 1f, weight, group * og * taps, taps, dy, dyOff, ld, 0f, cols, 0, ld);
        for (int i = 0; i < count; i++) {
            Im2col.foldAdd(g, cols, i * plane, ld, images, imageOffset(n0 + i, group));
        }
    }

    /**
     * {@code sum over the batch of maps x unfold(images)^T}: a convolution's weight gradient,
     * summed over the same batch parts in the same order whatever the number of threads.
     *
     * <p>The GEMM packs its B operand, transposing it here. When the column matrix has at least as
     * many rows (taps) as a group has output channels, the product is taken the other way round,
     * {@code unfold(images) x maps^T} into the gradient's transpose, so that the GEMM reads the
     * column matrix where it is and transposes only the smaller maps (conv2 of the reference CNN:
     * 64 x 1960 floats per product instead of 288 x 1960); each element is summed over the same
     * products in the same order either way.
     *
     * @param maps the output-shaped values (gradients of a convolution's output)
     * @param images the input values
     * @return the gradient, {@code [outChannels, channels, kh, kw]}
     */
    float[] weightGradient(float[] maps, float[] images) {
        int taps = g.taps();
        int batch = g.batch();
        int parts = weightParts();
        float[][] partSums = new float[parts][];
        Parallel.forRange(parts, 1, (firstPart, endPart) -> {
            float[] cols = colsScratch();
            float[] gathered = sideScratch();
            for (int part = firstPart; part < endPart; part++) {
                float[] dw = new float[outChannels * taps];
                blocks(part * batch / parts, (part + 1) * batch / parts, cols, gathered, (n0, count, group, c, side) -> {
                    boolean gather = count > 1;
                    if (gather) {
                        gather(maps, n0, count, group, side);
                    }
                    weightGradientBlock(gather ? side : maps, gather ? 0 : mapOffset(n0, group), images, n0, count,
                            group, c, dw);
                });
                partSums[part] = dw;
            }
        });
        return sumWeightParts(partSums);
    }

    /** @return how many batch parts the weight gradient is summed over */
    int weightParts() {
        return Math.min(g.batch(), MAX_WEIGHT_PARTS);
    }

    /**
     * One product of {@link #weightGradient}: adds the gradient from {@code count} images from
     * {@code n0} on and one group to a part's sum, in the layout {@link #sumWeightParts} expects.
     *
     * @param dy the group's output gradients, {@code [outPerGroup, count * outPlane]} from {@code dyOff} on
     * @param dyOff where they start
     * @param images the input values
     * @param n0 the first image
     * @param count the images
     * @param group the group
     * @param cols the thread's column matrix, {@code [taps, count * outPlane]} at least; overwritten
     * @param dw the part's sum, {@code outChannels * taps} floats
     */
    void weightGradientBlock(float[] dy, int dyOff, float[] images, int n0, int count, int group, float[] cols,
                             float[] dw) {
        int taps = g.taps();
        int og = outPerGroup();
        int ld = count * g.outPlane();
        unfoldBlock(images, n0, count, group, cols);
        if (taps >= og) {
            // group's [taps, og] block of the transposed gradient
            Gemm.sgemm(false, true, taps, og, ld, 1f, cols, 0, ld, dy, dyOff, ld, 1f, dw, group * og * taps, og);
        } else {
            Gemm.sgemm(false, true, og, taps, ld, 1f, dy, dyOff, ld, cols, 0, ld, 1f, dw, group * og * taps, taps);
        }
    }

    /**
     * @param partSums the parts' sums from {@link #weightGradientBlock}, in order (one per part, at least one)
     * @return the weight gradient, {@code [outChannels, channels, kh, kw]}: the parts added in order
     */
    float[] sumWeightParts(float[][] partSums) {
        int taps = g.taps();
        int og = outPerGroup();
        float[] dw = partSums.length == 0 ? new float[outChannels * taps] : partSums[0];
        for (int part = 1; part < partSums.length; part++) {
            float[] p = partSums[part];
            for (int i = 0; i < dw.length; i++) {
                dw[i] += p[i];
            }
        }
        return taps >= og ? transposeGroups(dw, taps, og) : dw;
    }

    /** @return {@code [groups, rows, cols]} blocks each transposed into {@code [groups, cols, rows]} */
    private float[] transposeGroups(float[] x, int rows, int cols) {
        float[] t = new float[x.length];
        for (int group = 0, base = 0; group < groups; group++, base += rows * cols) {
            for (int r = 0; r < rows; r++) {
                for (int col = 0; col < cols; col++) {
                    t[base + col * rows + r] = x[base + r * cols + col];
                }
            }
        }
        return t;
    }

    /** One product's work: {@code count} images from {@code n0} on, one group, with this thread's scratch. */
    @FunctionalInterface
    private interface Block {
        /**
         * @param n0 the first image
         * @param count the images side by side in this product
         * @param group the group
         * @param cols the thread's column matrix, {@code [taps, count * outPlane]} at least
         * @param side the thread's output-shaped matrix, {@code [outPerGroup, count * outPlane]} at least, or
     *     null when one image fills a product
         */
        void run(int n0, int count, int group, float[] cols, float[] side);
    }

    /** Runs {@code block} over the whole batch, split over the engine's threads. */
    private void forEachBlock(Block block) {
        int nb = imagesPerProduct();
        Parallel.forRange(g.batch(), 1, (start, end) -> blocks(start, end,
                scratch(COLS, g.taps() * nb * g.outPlane()), sideScratch(), block));
    }

    /** @return this thread's column matrix, {@code [taps, imagesPerProduct * outPlane]} at least */
    float[] colsScratch() {
        return scratch(COLS, g.taps() * imagesPerProduct() * g.outPlane());
    }

    /** @return this thread's output-shaped scratch matrix, or null if one image fills a product (none is needed) */
    float[] sideScratch() {
        int nb = imagesPerProduct();
        return nb > 1 ? scratch(OUTPUTS, outPerGroup() * nb * g.outPlane()) : null;
    }

    /** Runs {@code block} over images {@code [start, end)}: up to {@link #imagesPerProduct} at a time, every group. */
    private void blocks(int start, int end, float[] cols, float[] side, Block block) {
        int nb = imagesPerProduct();
        for (int n0 = start; n0 < end; n0 += nb) {
            int count = Math.min(nb, end - n0);
            for (int group = 0; group < groups; group++) {
                block.run(n0, count, group, cols, side);
            }
        }
    }

    /** Unfolds one group of {@code count} images side by side into {@code cols}. */
    void unfoldBlock(float[] images, int n0, int count, int group, float[] cols) {
        int ld = count * g.outPlane();
        for (int i = 0; i < count; i++) {
            Im2col.unfold(g, images, imageOffset(n0 + i, group), cols, i * g.outPlane(), ld);
        }
    }

    /** @return this thread's scratch matrix {@code slot}, of at least {@code size} floats */
    private static float[] scratch(int slot, int size) {
        float[][] mine = SCRATCH.get();
        if (mine[slot].length < size) {
            mine[slot] = new float[size];
        }
        return mine[slot];
    }

    /** Copies one group's rows of {@code count} maps into {@code [outPerGroup, count * outPlane]}. */
    private void gather(float[] maps, int n0, int count, int group, float[] dst) {
        int plane = g.outPlane();
        int og = outPerGroup();
        int ld = count * plane;
        for (int i = 0; i < count; i++) {
            int src = mapOffset(n0 + i, group);
            for (int o = 0; o < og; o++) {
                System.arraycopy(maps, src + o * plane, dst, o * ld + i * plane, plane);
            }
        }
    }
}
