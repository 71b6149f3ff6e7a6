package org.neurite.engine.kernel;

import java.util.Arrays;

/**
 * Max pooling over 2x2 windows of stride 2 without padding, plane by plane, forward and backward.
 * The backward pass finds each window's winner again from the input and the gradient flows to it
 * alone (the first maximum in row-major order, or the last NaN, as in PyTorch), so the forward
 * pass keeps nothing but its output. Runs on the Vector API when the GEMM does (see
 * {@link KernelChoice}), else plain loops: the JIT of Java 17 vectorises no loop that reads every
 * other element.
 */
public final class MaxPool2x2 {

    private static final Functions FUNCTIONS = KernelChoice.vectorSelected() ? vectorFunctions() : new Plain();

    private MaxPool2x2() {
    }

    /**
     * Writes the maxima of the planes {@code [first, end)} of {@code x}.
     *
     * @param x the input, planes of {@code height x width}
     * @param out the output, planes of {@code (height / 2) x (width / 2)}
     * @param first the first plane
     * @param end the plane after the last
     * @param height rows of an input plane
     * @param width columns of an input plane
     */
    public static void forward(float[] x, float[] out, int first, int end, int height, int width) {
        FUNCTIONS.forward(x, out, first, end, height, width);
    }

    /**
     * Writes the gradient of the planes {@code [first, end)} of {@code x} into {@code dx}: each
     * window's output gradient to its winner, zero everywhere else. Every element of those planes
     * is written (each window's four, and the last row or column that no window covers when the
     * plane's height or width is odd), so {@code dx} may hold anything there on entry.
     *
     * @param x the input, planes of {@code height x width}
     * @param dy the gradient of the output, planes of {@code (height / 2) x (width / 2)}
     * @param dx receives the gradient of the input; overwritten in those planes
     * @param first the first plane
     * @param end the plane after the last
     * @param height rows of an input plane
     * @param width columns of an input plane
     */
    public static void backward(float[] x, float[] dy, float[] dx, int first, int end, int height, int width) {
        FUNCTIONS.backward(x, dy, dx, first, end, height, width);
    }

    /**
     * Pools one plane of {@code height x width} values plus {@code bias} through ReLU, for a
     * convolution with ReLU followed by this pooling as one op: writes each window's
     * {@code max(0, maximum)} (the maximum after ReLU, NaN included) and its winner's rank (the
     * first maximum: top left 0, top right 1, bottom left 2, bottom right 3), or 4 where the
     * maximum is not positive, since ReLU then passes no gradient.
     *
     * @param x the plane's values, rows {@code rowStride} apart from {@code from} on
     * @param from where the plane starts
     * @param rowStride the distance between its rows
     * @param height rows of the plane, even
     * @param width columns of the plane, even
     * @param bias added to every value first
     * @param out receives the {@code (height / 2) x (width / 2)} maxima from {@code at} on
     * @param ranks receives the winners' ranks, at the same places
     * @param at where the pooled plane starts
     */
    public static void forwardRanked(float[] x, int from, int rowStride, int height, int width, float bias, float[] out,
                                     float[] ranks, int at) {
        FUNCTIONS.forwardRanked(x, from, rowStride, height, width, bias, out, ranks, at);
    }

    /**
     * The gradient of a plane pooled by {@link #forwardRanked}, after ReLU's mask: each window's
     * gradient to its winner, zero to its other three values (and to all four for rank 4).
     *
     * @param dy the pooled plane's gradient, from {@code at} on
     * @param ranks the winners' ranks, at the same places
     * @param at where the pooled plane starts
     * @param height rows of the plane, even
     * @param width columns of the plane, even
     * @param dx receives the plane's gradient, contiguous rows, from {@code to} on
     * @param to where the plane starts
     */
    public static void backwardRanked(float[] dy, float[] ranks, int at, int height, int width, float[] dx, int to) {
        FUNCTIONS.backwardRanked(dy, ranks, at, height, width, dx, to);
    }

    /** {@link #forwardRanked} for windows {@code [ox0, ox1)} of output row {@code oy}, element by element. */
    static void forwardRankedRun(float[] x, int from, int rowStride, int width, float bias, float[] out, float[] ranks,
                                 int at, int oy, int ox0, int ox1) {
        int top = from + 2 * oy * rowStride;
        int bottom = top + rowStride;
        int row = at + oy * (width / 2);
        for (int ox = ox0; ox < ox1; ox++) {
            float a = x[top + 2 * ox] + bias;
            float b = x[top + 2 * ox + 1] + bias;
            float c = x[bottom + 2 * ox] + bias;
            float d = x[bottom + 2 * ox + 1] + bias;
            float max = Math.max(Math.max(a, b), Math.max(c, d));
            int k = winner(a, b, c, d);
            out[row + ox] = Math.max(max, 0f);
            ranks[row + ox] = max > 0f ? k : 4;
        }
    }

    /** {@link #backwardRanked} for windows {@code [ox0, ox1)} of output row {@code oy}, element by element. */
    static void backwardRankedRun(float[] dy, float[] ranks, int at, int width, float[] dx, int to, int oy, int ox0,
                                  int ox1) {
        int top = to + 2 * oy * width;
        int row = at + oy * (width / 2);
        for (int ox = ox0; ox < ox1; ox++) {
            int k = (int) ranks[row + ox];
            int i = top + 2 * ox;
            dx[i] = k == 0 ? dy[row + ox] : 0f;
            dx[i + 1] = k == 1 ? dy[row + ox] : 0f;
            dx[i + width] = k == 2 ? dy[row + ox] : 0f;
            dx[i + width + 1] = k == 3 ? dy[row + ox] : 0f;
        }
    }

    /**
     * Outputs {@code [ox0, ox1)} of output row {@code oy} of one plane, element by element.
     *
     * @param in where the input plane starts
     * @param o where the output plane starts
     */
    static void forwardRun(float[] x, float[] out, int in, int o, int width, int oy, int ox0, int ox1) {
        int top = in + 2 * oy * width;
        int bottom = top + width;
        int row = o + oy * (width / 2);
        for (int ox = ox0; ox < ox1; ox++) {
            out[row + ox] = Math.max(Math.max(x[top + 2 * ox], x[top + 2 * ox + 1]),
                    Math.max(x[bottom + 2 * ox], x[bottom + 2 * ox + 1]));
        }
    }

    /**
     * The gradient of outputs {@code [ox0, ox1)} of output row {@code oy} of one plane, element by
     * element: the winner of each window gets the output's gradient, its other three zero.
     *
     * @param in where the input plane (and its gradient) starts
     * @param o where the output plane starts
     */
    static void backwardRun(float[] x, float[] dy, float[] dx, int in, int o, int width, int oy, int ox0, int ox1) {
        int top = in + 2 * oy * width;
        int bottom = top + width;
        int row = o + oy * (width / 2);
        for (int ox = ox0; ox < ox1; ox++) {
            int k = winner(x[top + 2 * ox], x[top + 2 * ox + 1], x[bottom + 2 * ox], x[bottom + 2 * ox + 1]);
            dx[top + 2 * ox] = 0f;
            dx[top + 2 * ox + 1] = 0f;
            dx[bottom + 2 * ox] = 0f;
            dx[bottom + 2 * ox + 1] = 0f;
            dx[top + 2 * ox + (k & 1) + (k >> 1) * width] = dy[row + ox];
        }
    }

    /**
     * Zeroes what no window of a plane covers: the last column of each row when the width is odd,
     * the last row when the height is odd (nothing for even sizes, such as the reference CNN's).
     */
    static void clearUncovered(float[] dx, int plane, int height, int width) {
        int in = plane * height * width;
        if (width % 2 != 0) {
            for (int y = 0; y < height; y++) {
                dx[in + y * width + width - 1] = 0f;
            }
        }
        if (height % 2 != 0) {
            Arrays.fill(dx, in + (height - 1) * width, in + height * width, 0f);
        }
    }

    /**
     * @return which of a window's four values {@code a b / c d} wins (row * 2 + column): the first
     *     maximum, or the last NaN (a NaN always wins, as in PyTorch)
     */
    public static int winner(float a, float b, float c, float d) {
        float max = Math.max(Math.max(a, b), Math.max(c, d));
        if (max != max) {
            return d != d ? 3 : c != c ? 2 : b != b ? 1 : 0;
        }
        // selects, not branches, since which of four values wins is unpredictable
        int best = d == max ? 3 : 0;
        best = c == max ? 2 : best;
        best = b == max ? 1 : best;
        return a == max ? 0 : best;
    }

    // Kept apart so that VectorMaxPool2x2 is resolved only when this runs.
    private static Functions vectorFunctions() {
        return new VectorMaxPool2x2();
    }

    /** The two passes. */
    interface Functions {
        void forward(float[] x, float[] out, int first, int end, int height, int width);

        void backward(float[] x, float[] dy, float[] dx, int first, int end, int height, int width);

        void forwardRanked(float[] x, int from, int rowStride, int height, int width, float bias, float[] out,
                           float[] ranks, int at);

        void backwardRanked(float[] dy, float[] ranks, int at, int height, int width, float[] dx, int to);
    }

    /** The plain-Java loops. */
    static final class Plain implements Functions {
        @Override
        public void forward(float[] x, float[] out, int first, int end, int height, int width) {
            int outH = height / 2;
            int outW = width / 2;
            for (int plane = first; plane < end; plane++) {
                for (int oy = 0; oy < outH; oy++) {
                    forwardRun(x, out, plane * height * width, plane * outH * outW, width, oy, 0, outW);
                }
            }
        }

        @Override
        public void backward(float[] x, float[] dy, float[] dx, int first, int end, int height, int width) {
            int outH = height / 2;
            int outW = width / 2;
            for (int plane = first; plane < end; plane++) {
                clearUncovered(dx, plane, height, width);
                for (int oy = 0; oy < outH; oy++) {
                    backwardRun(x, dy, dx, plane * height * width, plane * outH * outW, width, oy, 0, outW);
                }
            }
        }

        @Override
        public void forwardRanked(float[] x, int from, int rowStride, int height, int width, float bias, float[] out,
                                  float[] ranks, int at) {
            for (int oy = 0; oy < height / 2; oy++) {
                forwardRankedRun(x, from, rowStride, width, bias, out, ranks, at, oy, 0, width / 2);
            }
        }

        @Override
        public void backwardRanked(float[] dy, float[] ranks, int at, int height, int width, float[] dx, int to) {
            for (int oy = 0; oy < height / 2; oy++) {
                backwardRankedRun(dy, ranks, at, width, dx, to, oy, 0, width / 2);
            }
        }
    }
}
