package org.neurite.engine.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link MaxPool2x2} on the Vector API: a vector of {@code L} columns of two input rows gives
 * {@code L / 2} outputs. The rows' maximum per column, then per pair of columns through a swap of
 * neighbouring lanes; the even lanes, gathered, are the outputs. The backward pass ranks the four
 * values of each window the same way (top left 0, top right 1, bottom left 2, bottom right 3; the
 * lowest rank equal to the maximum wins). Whatever a vector would read or write past the planes
 * of the call, or a window holding a NaN, goes element by element. Loaded only when
 * {@code jdk.incubator.vector} is in the boot layer, see {@link KernelChoice}.
 */
final class VectorMaxPool2x2 implements MaxPool2x2.Functions {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Lane {@code i} takes lane {@code i ^ 1}: each column meets its neighbour in the window. */
    private static final VectorShuffle<Float> SWAP = VectorShuffle.fromOp(S, i -> i ^ 1);
    /** Lane {@code i} takes lane {@code 2 i}: one lane per window, in the first half. */
    private static final VectorShuffle<Float> EVEN = VectorShuffle.fromOp(S, i -> 2 * i % L);
    /** Lane {@code i} takes lane {@code i / 2}: each window's gradient on both its columns. */
    private static final VectorShuffle<Float> SPREAD = VectorShuffle.fromOp(S, i -> i / 2);
    private static final FloatVector LANE = FloatVector.fromArray(S, lanes(i -> i), 0);
    /** The rank of a lane's top value in its window: its column. */
    private static final FloatVector TOP_RANK = FloatVector.fromArray(S, lanes(i -> i & 1), 0);
    /** The rank of a lane's bottom value in its window. */
    private static final FloatVector BOTTOM_RANK = FloatVector.fromArray(S, lanes(i -> 2 + (i & 1)), 0);
    /** Zero in every lane: the gradient of a window's three values that do not win. */
    private static final FloatVector ZERO = FloatVector.zero(S);
    /** Above every rank: no win. */
    private static final FloatVector NO_RANK = FloatVector.broadcast(S, 4f);

    @Override
    public void forward(float[] x, float[] out, int first, int end, int height, int width) {
        int outH = height / 2;
        int outW = width / 2;
        int outEnd = end * outH * outW;
        for (int plane = first; plane < end; plane++) {
            int in = plane * height * width;
            int o = plane * outH * outW;
            for (int oy = 0; oy < outH; oy++) {
                int top = in + 2 * oy * width;
                int row = o + oy * outW;
                for (int j = 0; j < 2 * outW; j += L) {
                    int n = Math.min(L, 2 * outW - j) / 2;
                    int at = row + j / 2;
                    // the lanes past the n outputs are written again later, by this call
                    if (top + j + width + L > x.length || at + L > outEnd) {
                        MaxPool2x2.forwardRun(x, out, in, o, width, oy, j / 2, j / 2 + n);
                        continue;
                    }
                    FloatVector column = FloatVector.fromArray(S, x, top + j)
                            .max(FloatVector.fromArray(S, x, top + j + width));
                    column.max(column.rearrange(SWAP)).rearrange(EVEN).intoArray(out, at);
                }
            }
        }
    }

    @Override
    public void backward(float[] x, float[] dy, float[] dx, int first, int end, int height, int width) {
        int outH = height / 2;
        int outW = width / 2;
        int dxEnd = end * height * width;
        for (int plane = first; plane < end; plane++) {
            int in = plane * height * width;
            int o = plane * outH * outW;
            MaxPool2x2.clearUncovered(dx, plane, height, width);
            for (int oy = 0; oy < outH; oy++) {
                int top = in + 2 * oy * width;
                int row = o + oy * outW;
                for (int j = 0; j < 2 * outW; j += L) {
                    int n = Math.min(L, 2 * outW - j) / 2;
                    int at = row + j / 2;
                    if (top + j + width + L > dxEnd || at + L > dy.length
                            || !backwardVector(x, dy, dx, top + j, width, at, 2 * n)) {
                        MaxPool2x2.backwardRun(x, dy, dx, in, o, width, oy, j / 2, j / 2 + n);
                    }
                }
            }
        }
    }

    /**
     * The gradient of the windows whose top left values start at {@code t}, {@code columns} input
     * columns of them: each window's gradient goes to its winner and zero to its other three; the
     * lanes past those columns keep what {@code dx} holds there (written by this call already, or
     * to be written by it later: a later window, a later plane, or a row or column no window
     * covers).
     *
     * @return false, with nothing written, if a window holds a NaN (then the scalar loop decides)
     */
    private static boolean backwardVector(float[] x, float[] dy, float[] dx, int t, int width, int at, int columns) {
        FloatVector top = FloatVector.fromArray(S, x, t);
        FloatVector bottom = FloatVector.fromArray(S, x, t + width);
        FloatVector column = top.max(bottom);
        FloatVector max = column.max(column.rearrange(SWAP));
        VectorMask<Float> valid = LANE.compare(VectorOperators.LT, (float) columns);
        if (max.test(VectorOperators.IS_NAN).and(valid).anyTrue()) {
            return false;
        }
        FloatVector rank = NO_RANK.blend(BOTTOM_RANK, bottom.eq(max)).blend(TOP_RANK, top.eq(max));
        FloatVector best = rank.min(rank.rearrange(SWAP));
        FloatVector g = FloatVector.fromArray(S, dy, at).rearrange(SPREAD);
        FloatVector.fromArray(S, dx, t).blend(ZERO.blend(g, best.eq(TOP_RANK)), valid).intoArray(dx, t);
        FloatVector.fromArray(S, dx, t + width).blend(ZERO.blend(g, best.eq(BOTTOM_RANK)), valid)
                .intoArray(dx, t + width);
        return true;
    }

    /**
     * {@inheritDoc} A vector of {@code L} columns of the plane's two rows gives {@code L / 2}
     * windows, their maxima and ranks found as in {@link #backwardVector}; the vector's upper half
     * is written past the row's outputs, where the next row's go later. The last row's last
     * vector, and any vector that would read past {@code x}, goes element by element.
     */
    @Override
    public void forwardRanked(float[] x, int from, int rowStride, int height, int width, float bias, float[] out,
                              float[] ranks, int at) {
        int outW = width / 2;
        int end = at + (height / 2) * outW;
        for (int oy = 0; oy < height / 2; oy++) {
            int top = from + 2 * oy * rowStride;
            int row = at + oy * outW;
            for (int j = 0; j < width; j += L) {
                int n = Math.min(L, width - j) / 2;
                int o = row + j / 2;
                if (top + j + rowStride + L > x.length || o + L > end) {
                    MaxPool2x2.forwardRankedRun(x, from, rowStride, width, bias, out, ranks, at, oy, j / 2, j / 2 + n);
                    continue;
                }
                FloatVector a = FloatVector.fromArray(S, x, top + j).add(bias);
                FloatVector b = FloatVector.fromArray(S, x, top + j + rowStride).add(bias);
                FloatVector column = a.max(b);
                FloatVector max = column.max(column.rearrange(SWAP));
                FloatVector rank = NO_RANK.blend(BOTTOM_RANK, b.eq(max)).blend(TOP_RANK, a.eq(max));
                // the first maximum's rank where the maximum is positive; NaN is not
                FloatVector best = NO_RANK.blend(rank.min(rank.rearrange(SWAP)), max.compare(VectorOperators.GT, 0f));
                max.max(ZERO).rearrange(EVEN).intoArray(out, o);
                best.rearrange(EVEN).intoArray(ranks, o);
            }
        }
    }

    /**
     * {@inheritDoc} Each window's gradient and rank, spread over its two columns, decide both rows
     * of a vector of {@code L} columns; a vector over a row's last columns keeps what lies past them.
     */
    @Override
    public void backwardRanked(float[] dy, float[] ranks, int at, int height, int width, float[] dx, int to) {
        int outW = width / 2;
        for (int oy = 0; oy < height / 2; oy++) {
            int top = to + 2 * oy * width;
            int row = at + oy * outW;
            for (int j = 0; j < width; j += L) {
                int n = Math.min(L, width - j) / 2;
                int o = row + j / 2;
                if (o + L > dy.length || top + j + width + L > dx.length) {
                    MaxPool2x2.backwardRankedRun(dy, ranks, at, width, dx, to, oy, j / 2, j / 2 + n);
                    continue;
                }
                FloatVector g = FloatVector.fromArray(S, dy, o).rearrange(SPREAD);
                FloatVector rank = FloatVector.fromArray(S, ranks, o).rearrange(SPREAD);
                FloatVector upper = ZERO.blend(g, rank.eq(TOP_RANK));
                FloatVector lower = ZERO.blend(g, rank.eq(BOTTOM_RANK));
                if (2 * n < L) {
                    // the row's last columns: the lanes past them keep what the next row holds
                    VectorMask<Float> valid = LANE.compare(VectorOperators.LT, (float) (2 * n));
                    upper = FloatVector.fromArray(S, dx, top + j).blend(upper, valid);
                    lower = FloatVector.fromArray(S, dx, top + j + width).blend(lower, valid);
                }
                upper.intoArray(dx, top + j);
                lower.intoArray(dx, top + j + width);
            }
        }
    }

    private static float[] lanes(java.util.function.IntUnaryOperator value) {
        float[] v = new float[L];
        for (int i = 0; i < L; i++) {
            v[i] = value.applyAsInt(i);
        }
        return v;
    }
}
