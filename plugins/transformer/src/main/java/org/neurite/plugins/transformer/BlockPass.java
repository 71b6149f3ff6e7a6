package org.neurite.plugins.transformer;

import java.util.function.IntConsumer;

import org.neurite.api.ArrayKernels;
import org.neurite.api.Parameter;

/**
 * The parts of a decode block ({@link CachedForward}) that split across the backend's
 * {@link ArrayKernels#inLanes lanes}, each lane taking its share of the columns of every product
 * (of the projections, its heads' queries, keys and values, and those heads' attention; of the
 * MLP, its share of the hidden units and their activation, then of the outputs), so that a lane's
 * outputs are what one thread computes for them. Set up by {@link CachedForward} before each
 * {@link #run}; kept in the {@link DecodeRows} of a cache so that a step allocates nothing.
 */
final class BlockPass implements IntConsumer {

    static final int PROJECT_AND_ATTEND = 0;
    static final int OUT_PROJ = 1;
    static final int LINEAR1 = 2;
    static final int LINEAR2 = 3;

    private final CachedForward forward;
    private final DecodeRows r;
    private final ArrayKernels kernels;
    private final int lanes;
    private int stage;
    BlockWeights block;
    int index;
    PackedMatrices matrices;
    float[] in;
    int batch;
    int n;
    int rows;
    int all;
    CachePart main;
    CachePart follows;
    CachePart keyed;
    boolean narrow;

    BlockPass(CachedForward forward, DecodeRows r, ArrayKernels kernels) {
        this.forward = forward;
        this.r = r;
        this.kernels = kernels;
        this.lanes = lanes(forward, kernels);
    }

    /**
     * @return how many lanes a block's products split into: the backend's lanes when each lane's
     *     share of the heads' columns and of the hidden rows starts at a panel of the packed weights
     *     (so each output is computed as a whole product computes it), else one
     */
    private static int lanes(CachedForward forward, ArrayKernels kernels) {
        int lanes = Math.min(2, kernels.lanes());
        int step = kernels.packedColumnStep();
        if (lanes < 2 || forward.heads() % lanes != 0 || (forward.width() / lanes) % step != 0
                || (forward.hidden() / lanes) % step != 0) {
            return 1;
        }
        return lanes;
    }

    ArrayKernels kernels() {
        return kernels;
    }

    /** Runs a stage on every lane, and returns when all are done. */
    void run(int stage) {
        this.stage = stage;
        if (lanes == 1) {
            accept(0);
        } else {
            kernels.inLanes(this);
        }
    }

    @Override
    public void accept(int lane) {
        int width = forward.width();
        int hidden = forward.hidden();
        switch (stage) {
            case PROJECT_AND_ATTEND -> projectAndAttend(lane);
            case OUT_PROJ -> columns(r.attended, width, matrices.outProj()[index], block.outProjBias(), width,
                    r.h, lane);
            case LINEAR1 -> {
                columns(r.h, width, matrices.linear1()[index], block.linear1Bias(), hidden, r.hidden, lane);
                activate(lane);
            }
            case LINEAR2 -> columns(r.hidden, hidden, matrices.linear2()[index], block.linear2Bias(), width, r.h,
                    lane);
            default -> throw new IllegalStateException("no stage " + stage);
        }
    }

    /** The lane's share {@code [lo, hi)} of {@code n} columns, and of the heads. */
    private int lo(int lane, int count) {
        return lane * count / lanes;
    }

    /** Outputs of {@code all} rows {@code y = x wᵀ + bias}, the lane's share of its {@code n} columns. */
    private void columns(float[] x, int k, float[] packed, Parameter bias, int n, float[] y, int lane) {
        if (lanes == 1) {
            kernels.linearPacked(x, 0, all, k, packed, BlockWeights.data(bias), n, y, 0);
        } else {
            kernels.linearPackedColumns(x, 0, all, k, packed, BlockWeights.data(bias), n, lo(lane, n),
                    lo(lane + 1, n), y, 0);
        }
    }

    /** The activation of the lane's hidden units. */
    private void activate(int lane) {
        int hidden = forward.hidden();
        int from = lo(lane, hidden);
        int to = lo(lane + 1, hidden);
        if (from == 0 && to == hidden) {
            activate(0, all * hidden);
        } else {
            for (int i = 0; i < all; i++) {
                activate(i * hidden + from, i * hidden + to);
            }
        }
    }

    private void activate(int from, int to) {
        if (forward.gelu()) {
            kernels.gelu(r.hidden, from, to);
        } else {
            for (int i = from; i < to; i++) {
                r.hidden[i] = Math.max(0f, r.hidden[i]);
            }
        }
    }

    /**
     * The lane's heads: their queries, keys and values of every row, the keys and values into
     * the caches, and their attention for the rows that go on.
     */
    private void projectAndAttend(int lane) {
        int w = forward.width();
        int heads = forward.heads();
        CachedAttention attention = forward.attention();
        int from = lo(lane, w);
        int to = lo(lane + 1, w);
        float[] packed = matrices.inProj()[index];
        float[] bias = BlockWeights.data(block.inProjBias());
        if (lanes == 1) {
            kernels.linearPacked(in, 0, all, w, packed, bias, 3 * w, r.qkv, 0);
        } else {
            for (int part = 0; part < 3; part++) {
                kernels.linearPackedColumns(in, 0, all, w, packed, bias, 3 * w, part * w + from, part * w + to,
                        r.qkv, 0);
            }
        }
        attention.keep(main, index, rows, n, r.qkv, from, to);
        if (keyed != null) {
            attention.keep(keyed, index, rows, n, r.qkv, from, to);
        }
        int start = main.start();
        int steps = n;
        if (narrow) {
            for (int part = 0; part < 3; part++) {
                CachedAttention.lastOfEach(r.qkv, batch, n, part * w + from, part * w + to, 3 * w);
            }
            start += n - 1;
            steps = 1;
        }
        int h0 = lo(lane, heads);
        int h1 = lo(lane + 1, heads);
        float[] scores = r.scores[lane];
        attention.attend(0, batch, steps, start, main.cache(), index, h0, h1, scores, r, kernels);
        if (follows != null) {
            attention.attend(follows.from(), batch, steps, follows.start(), follows.cache(), index, h0, h1, scores,
                    r, kernels);
        }
    }
}
