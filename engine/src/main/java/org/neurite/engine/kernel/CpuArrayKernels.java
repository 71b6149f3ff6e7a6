package org.neurite.engine.kernel;

import java.util.function.IntConsumer;

import org.neurite.api.ArrayKernels;

/**
 * The engine's {@link ArrayKernels}: linear maps on {@link Gemm} (a few rows by its row kernel,
 * straight from the weight as stored; more, such as a prompt, by its blocked kernel), or by
 * weights packed in column panels for a decoder's steps; the
 * attention's products on the Vector API when the GEMM runs it (see {@link KernelChoice}), else
 * on plain loops; layer norm in double sums as the layer norm op; GELU on {@link Gelu}; the
 * attention's softmax in vector lanes or a plain loop. Nothing
 * but a GEMM of many rows allocates, and that splits its work over the engine's threads only
 * outside {@link Parallel#onCallingThread}. A step runs in one lane unless the system property
 * {@code neurite.decodeLanes} is 2 (and the engine has more than one thread): then its
 * {@link #inLanes lanes} are the calling thread and a decode worker of their own
 * ({@link DecodeLanes}), not the pool. One lane is the default because on the 2-vCPU machine the
 * figures are taken on, two lanes generated 5,635-6,424 characters/s against one lane's
 * 7,923-9,514 ({@code bench/transformer.sh}, 2026-12-06): a part of a few microseconds does not
 * pay for its hand-off there.
 */
public final class CpuArrayKernels implements ArrayKernels {

    /** System property that sets how many lanes a generation step runs in: 1 (the default) or 2. */
    public static final String LANES_PROPERTY = "neurite.decodeLanes";

    private static final CpuArrayKernels INSTANCE = new CpuArrayKernels(KernelChoice.vectorSelected()
            ? vectorProducts() : new ScalarArrayProducts(), configuredLanes() == 2 && Parallel.threads() > 1);

    private final Products products;
    /** The second thread of {@link #inLanes}, or {@code null} when the engine runs on one thread. */
    private final DecodeLanes lanes;

    private CpuArrayKernels(Products products, boolean twoLanes) {
        this.products = products;
        this.lanes = twoLanes ? new DecodeLanes() : null;
    }

    private static int configuredLanes() {
        String value = System.getProperty(LANES_PROPERTY, "1").trim();
        if (!value.equals("1") && !value.equals("2")) {
            throw new IllegalArgumentException("System property " + LANES_PROPERTY + " must be 1 or 2, got '" + value + "'");
        }
        return Integer.parseInt(value);
    }

    /** @return the kernels of the engine's choice */
    public static CpuArrayKernels instance() {
        return INSTANCE;
    }

    /** @return kernels on plain loops, whatever the engine chose: the reference the vector ones are checked with */
    public static CpuArrayKernels scalar() {
        return new CpuArrayKernels(new ScalarArrayProducts(), false);
    }

    /** @return the engine's kernels with a step's parts in two lanes, whatever {@code neurite.decodeLanes} says */
    public static CpuArrayKernels inTwoLanes() {
        return new CpuArrayKernels(INSTANCE.products, true);
    }

    // Kept apart so that VectorArrayProducts is resolved only when this runs.
    private static Products vectorProducts() {
        return new VectorArrayProducts();
    }

    @Override
    public void linear(float[] x, int xOff, int rows, int k, float[] w, float[] bias, int n, float[] y, int yOff) {
        Gemm.sgemm(false, true, rows, n, k, 1f, x, xOff, k, w, 0, k, 0f, y, yOff, n);
        addBias(rows, bias, n, y, yOff);
    }

    @Override
    public void linearTransposed(float[] x, int xOff, int rows, int k, float[] wt, float[] bias, int n, float[] y,
                                 int yOff) {
        Gemm.sgemm(false, false, rows, n, k, 1f, x, xOff, k, wt, 0, n, 0f, y, yOff, n);
        addBias(rows, bias, n, y, yOff);
    }

    /**
     * Column panels of {@link Products#panelWidth()} outputs, each {@code [k, panel]} contiguous (the
     * last one padded with zeros): a row's product then reads the whole weight front to back, one
     * stream the prefetcher follows, rather than a strip of every row of a transposed copy.
     */
    @Override
    public float[] packLinear(float[] w, int n, int k) {
        int width = products.panelWidth();
        float[] packed = new float[(n + width - 1) / width * width * k];
        for (int j = 0; j < n; j++) {
            int at = j / width * width * k + j % width;
            for (int p = 0; p < k; p++) {
                packed[at + p * width] = w[j * k + p];
            }
        }
        return packed;
    }

    @Override
    public void linearPacked(float[] x, int xOff, int rows, int k, float[] packed, float[] bias, int n, float[] y,
                             int yOff) {
        products.panels(x, xOff, rows, k, packed, n, 0, n, y, yOff);
        addBias(rows, bias, n, y, yOff);
    }

    @Override
    public int packedColumnStep() {
        return products.panelWidth();
    }

    @Override
    public void linearPackedColumns(float[] x, int xOff, int rows, int k, float[] packed, float[] bias, int n,
                                    int from, int to, float[] y, int yOff) {
        if (from < 0 || to > n || from > to || from % products.panelWidth() != 0
                || (to != n && to % products.panelWidth() != 0)) {
            throw new IllegalArgumentException("linearPackedColumns: columns [" + from + ", " + to + ") of " + n
                    + " do not start and end at panels of " + products.panelWidth());
        }
        products.panels(x, xOff, rows, k, packed, n, from, to, y, yOff);
        if (bias != null) {
            for (int i = 0; i < rows; i++) {
                int at = yOff + i * n;
                for (int j = from; j < to; j++) {
                    y[at + j] += bias[j];
                }
            }
        }
    }

    /** Two (the calling thread and a decode worker of its own) when asked for and the engine has more than one thread, else one. */
    @Override
    public int lanes() {
        return lanes == null ? 1 : 2;
    }

    @Override
    public void inLanes(IntConsumer part) {
        if (lanes == null) {
            part.accept(0);
        } else {
            lanes.run(part);
        }
    }

    private static void addBias(int rows, float[] bias, int n, float[] y, int yOff) {
        if (bias != null) {
            for (int i = 0; i < rows; i++) {
                int at = yOff + i * n;
                for (int j = 0; j < n; j++) {
                    y[at + j] += bias[j];
                }
            }
        }
    }

    @Override
    public void dots(float[] x, int xOff, int k, float[] m, int mOff, int ldm, int n, float[] y, int yOff) {
        products.dots(x, xOff, k, m, mOff, ldm, n, y, yOff);
    }

    @Override
    public void weightedSum(float[] a, int aOff, int n, float[] m, int mOff, int ldm, int k, float[] y, int yOff) {
        products.weightedSum(a, aOff, n, m, mOff, ldm, k, y, yOff);
    }

    @Override
    public void layerNorm(float[] x, int xOff, int rows, int n, float[] gamma, float[] beta, float epsilon, float[] y,
                          int yOff) {
        products.layerNorm(x, xOff, rows, n, gamma, beta, epsilon, y, yOff);
    }

    @Override
    public void gelu(float[] x, int from, int to) {
        Gelu.forward(x, x, from, to);
    }

    @Override
    public void softmax(float[] s, int from, int n, float scale) {
        products.softmax(s, from, n, scale);
    }

    /**
     * The attention's products, the products by packed weights and layer norm, on the Vector API or
     * on plain loops; arguments as in {@link ArrayKernels}.
     */
    interface Products {

        /** @return the number of outputs in a column panel of {@link #packLinear} */
        int panelWidth();

        /** As {@link ArrayKernels#layerNorm}. */
        void layerNorm(float[] x, int xOff, int rows, int n, float[] gamma, float[] beta, float epsilon, float[] y,
                       int yOff);

        /**
         * {@link ArrayKernels#linearPacked} without the bias, for the outputs {@code [from, to)}
         * ({@code from} at a panel, {@code to} too or {@code n}) of rows {@code n} apart.
         */
        void panels(float[] x, int xOff, int rows, int k, float[] packed, int n, int from, int to, float[] y,
                    int yOff);

        void dots(float[] x, int xOff, int k, float[] m, int mOff, int ldm, int n, float[] y, int yOff);

        void weightedSum(float[] a, int aOff, int n, float[] m, int mOff, int ldm, int k, float[] y, int yOff);

        /** As {@link ArrayKernels#softmax}. */
        void softmax(float[] s, int from, int n, float scale);
    }
}
