package org.neurite.plugins.transformer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

import org.neurite.api.ArrayKernels;
import org.neurite.api.Options;
import org.neurite.api.Parameter;

/**
 * The inference pass of a {@link CausalLm} over new tokens only, on plain arrays: the blocks'
 * keys and values of earlier steps come from a {@link KeyValueCache}, the new ones join it. It
 * computes what the layers' {@code forward} computes, through the backend's
 * {@link ArrayKernels}, into rows the cache keeps: no tensors, nothing for backpropagation, no
 * allocation once the rows have grown to the longest pass. Each product of a block is shared by
 * the backend's {@link ArrayKernels#inLanes lanes} (the calling thread and a worker of the
 * backend's), each lane computing its columns (its heads, with their attention; its hidden units,
 * with their activation), so that a lane's outputs are what one thread computes for them. The matrices of
 * the blocks and the head are read from packed copies that a session makes when it starts
 * ({@link Matrices}; a session restarted from it keeps them), the embeddings, norms and biases
 * where the parameters keep them.
 *
 * <p>A new row {@code x} (token vector plus position vector) goes through each block as
 * <pre>
 * pre-norm:  x = x + out_proj(attention(in_proj(norm1(x))));  x = x + linear2(act(linear1(norm2(x))))
 * post-norm: x = norm1(x + out_proj(attention(in_proj(x))));  x = norm2(x + linear2(act(linear1(x))))
 * </pre>
 * then the final norm and the head give its logits. The attention of a row at step {@code t}
 * takes, per head, the scores of its query against the cached keys of steps {@code 0..t} (a sum of
 * the transposed keys' rows weighted by the query), scaled by
 * {@code 1 / sqrt(head width)}, their softmax, and the values weighted by it.
 */
final class CachedForward {

    private final int vocabulary;
    private final int width;
    private final int heads;
    private final int hidden;
    private final boolean normFirst;
    private final boolean gelu;
    private final float epsilon;
    private final Parameter tokens;
    private final Parameter positions;
    private final List<Block> blocks;
    private final Parameter normWeight;
    private final Parameter normBias;
    private final Parameter head;

    /** The parameters of one block, by their PyTorch names ({@code null} where there is no such parameter). */
    private record Block(Parameter norm1Weight, Parameter norm1Bias, Parameter inProjWeight, Parameter inProjBias,
                         Parameter outProjWeight, Parameter outProjBias, Parameter norm2Weight, Parameter norm2Bias,
                         Parameter linear1Weight, Parameter linear1Bias, Parameter linear2Weight,
                         Parameter linear2Bias) {

        static Block of(Map<String, Parameter> p, String prefix) {
            return new Block(p.get(prefix + "norm1.weight"), p.get(prefix + "norm1.bias"),
                    p.get(prefix + "self_attn.in_proj_weight"), p.get(prefix + "self_attn.in_proj_bias"),
                    p.get(prefix + "self_attn.out_proj.weight"), p.get(prefix + "self_attn.out_proj.bias"),
                    p.get(prefix + "norm2.weight"), p.get(prefix + "norm2.bias"),
                    p.get(prefix + "linear1.weight"), p.get(prefix + "linear1.bias"),
                    p.get(prefix + "linear2.weight"), p.get(prefix + "linear2.bias"));
        }
    }

    /**
     * @param options the options the model was created from (heads, activation, norm order, epsilon)
     * @param parameters the model's parameters by name
     * @param blockCount the number of blocks
     */
    CachedForward(Options options, Map<String, Parameter> parameters, int blockCount) {
        this.tokens = parameters.get("tokens.weight");
        this.positions = parameters.get("positions.weight");
        this.vocabulary = tokens.shape().dim(0);
        this.width = tokens.shape().dim(1);
        this.heads = options.getInt("heads");
        this.normFirst = options.getBoolean("norm_first", true);
        this.gelu = options.getString("activation", "gelu").equals("gelu");
        this.epsilon = (float) options.getDouble("layer_norm_eps", 1e-5);
        List<Block> list = new ArrayList<>();
        for (int i = 0; i < blockCount; i++) {
            list.add(Block.of(parameters, "blocks." + i + "."));
        }
        this.blocks = List.copyOf(list);
        this.hidden = blockCount == 0 ? 0 : list.get(0).linear1Weight().shape().dim(0);
        this.normWeight = parameters.get("norm.weight");
        this.normBias = parameters.get("norm.bias");
        Parameter untied = parameters.get("head.weight");
        this.head = untied == null ? tokens : untied;
    }

    /**
     * Continues every sequence by {@code n} tokens, and optionally the sequences of a follower by
     * the same tokens: its rows go through the same products after this cache's rows (each weight
     * read once for both), give their keys and values to their own cache, and stop at the last
     * block's keys and values, as nobody reads their logits.
     *
     * @param ids the new tokens {@code [batch, n]}, whole numbers in {@code [0, vocabulary)}
     * @param batch the number of sequences
     * @param n new tokens per sequence; each cache's length plus n is at most the context
     * @param lastOnly whether only the logits after each sequence's last token are wanted: then the
     *     last block takes only those rows past its keys and values
     * @param cache the earlier steps, extended by these
     * @param follower another cache of the same weights, extended by the same tokens, or {@code null}
     * @param kernels the backend's array kernels
     * @return the logits after each new token, {@code [batch, n, vocabulary]}, or after each last
     *     one, {@code [batch, vocabulary]}; in the cache's rows (valid until its next pass)
     * @throws IllegalArgumentException if an id is not a token of the vocabulary, naming it
     */
    float[] next(float[] ids, int batch, int n, boolean lastOnly, KeyValueCache cache, KeyValueCache follower,
                 ArrayKernels kernels) {
        int rows = batch * n;
        cache.holdBatch(batch);
        Part main = new Part(cache, 0, cache.length());
        Part follows = null;
        if (follower != null) {
            follower.holdBatch(batch);
            follows = new Part(follower, rows, follower.length());
        }
        Rows r = cache.rows();
        r.fit(follows == null ? rows : 2 * rows, width, hidden, vocabulary,
                cache.context());
        embed(ids, rows, n, main, r.x);
        if (follows != null) {
            embed(ids, rows, n, follows, r.x);
        }
        for (int i = 0; i < blocks.size(); i++) {
            boolean last = i == blocks.size() - 1;
            block(blocks.get(i), i, batch, n, main, last ? null : follows, follows, lastOnly && last, r, kernels);
        }
        cache.advance(n);
        if (follower != null) {
            follower.advance(n);
        }
        int out = lastOnly ? batch : rows;
        kernels.layerNorm(r.x, 0, out, width, data(normWeight), data(normBias), epsilon, r.h, 0);
        kernels.linearPacked(r.h, 0, out, width, cache.matrices().head(), null, vocabulary, r.logits, 0);
        return r.logits;
    }

    /**
     * The rows of one cache's sequences in a pass: {@code batch * n} rows from row {@code from},
     * those of sequence {@code b} at steps {@code start, start + 1, ...}.
     */
    private record Part(KeyValueCache cache, int from, int start) {
    }

    /** Token vectors plus the vectors of their positions, for the rows of a part. */
    private void embed(float[] ids, int rows, int n, Part part, float[] x) {
        float[] table = tokens.data();
        float[] pos = positions.data();
        for (int i = 0; i < rows; i++) {
            float id = ids[i];
            int token = (int) id;
            if (token != id || token < 0 || token >= vocabulary) {
                throw new IllegalArgumentException(CausalLm.TYPE + ": token id " + id + " at position " + i
                        + " is not a whole number in [0, " + vocabulary + ")");
            }
            int p = (part.start + i % n) * width;
            int at = (part.from + i) * width;
            for (int c = 0; c < width; c++) {
                x[at + c] = table[token * width + c] + pos[p + c];
            }
        }
    }

    /**
     * One block over the rows {@code x} of the main part and, if given, of a follower that goes on
     * past this block. Every row of {@code keyed} (the follower here or stopping in this block, or
     * {@code null}) and of the main part gives its key and value. With {@code narrow}, only each
     * main sequence's last row goes on (to row {@code b} of {@code x}). Its products (with the
     * attention of the heads, and the activation) run in {@link Pass lanes}; the residual sums and
     * the norms between them on the calling thread.
     */
    private void block(Block b, int index, int batch, int n, Part main, Part follows, Part keyed, boolean narrow,
                       Rows r, ArrayKernels kernels) {
        int w = width;
        int rows = batch * n;
        int all = keyed == null ? rows : 2 * rows;
        Pass pass = r.pass(this, kernels);
        pass.block = b;
        pass.index = index;
        pass.matrices = main.cache.matrices();
        pass.in = r.x;
        if (normFirst) {
            kernels.layerNorm(r.x, 0, all, w, data(b.norm1Weight()), data(b.norm1Bias()), epsilon, r.h, 0);
            pass.in = r.h;
        }
        pass.batch = batch;
        pass.n = n;
        pass.rows = rows;
        pass.all = all;
        pass.main = main;
        pass.follows = follows;
        pass.keyed = keyed;
        pass.narrow = narrow && n > 1;
        pass.run(Pass.PROJECT_AND_ATTEND);
        if (pass.narrow) {
            lastOfEach(r.x, batch, n, 0, w, w);
            all = batch;
        } else if (follows == null) {
            all = rows;
        }
        pass.all = all;
        pass.run(Pass.OUT_PROJ);
        if (normFirst) {
            add(r.x, r.h, all * w);
            kernels.layerNorm(r.x, 0, all, w, data(b.norm2Weight()), data(b.norm2Bias()), epsilon, r.h, 0);
            pass.run(Pass.LINEAR1);
            pass.run(Pass.LINEAR2);
            add(r.x, r.h, all * w);
        } else {
            add(r.h, r.x, all * w);
            kernels.layerNorm(r.h, 0, all, w, data(b.norm1Weight()), data(b.norm1Bias()), epsilon, r.x, 0);
            System.arraycopy(r.x, 0, r.h, 0, all * w);
            pass.run(Pass.LINEAR1);
            pass.run(Pass.LINEAR2);
            add(r.h, r.x, all * w);
            kernels.layerNorm(r.h, 0, all, w, data(b.norm2Weight()), data(b.norm2Bias()), epsilon, r.x, 0);
        }
    }

    /**
     * @return how many lanes a block's products split into: the backend's lanes when each lane's
     *     share of the heads' columns and of the hidden rows starts at a panel of the packed weights
     *     (so each output is computed as a whole product computes it), else one
     */
    private int lanes(ArrayKernels kernels) {
        int lanes = Math.min(2, kernels.lanes());
        int step = kernels.packedColumnStep();
        if (lanes < 2 || heads % lanes != 0 || (width / lanes) % step != 0 || (hidden / lanes) % step != 0) {
            return 1;
        }
        return lanes;
    }

    /**
     * The parts of a block that split across lanes, each lane taking its share of the columns of
     * every product (of the projections, its heads' queries, keys and values, and those heads'
     * attention; of the MLP, its share of the hidden units and their activation, then of the
     * outputs). Set up by {@link #block} before each {@link #run}; kept in the rows of a cache so
     * that a step allocates nothing.
     */
    final class Pass implements IntConsumer {

        static final int PROJECT_AND_ATTEND = 0;
        static final int OUT_PROJ = 1;
        static final int LINEAR1 = 2;
        static final int LINEAR2 = 3;

        private final Rows r;
        private final ArrayKernels kernels;
        private final int lanes;
        private int stage;
        Block block;
        int index;
        Matrices matrices;
        float[] in;
        int batch;
        int n;
        int rows;
        int all;
        Part main;
        Part follows;
        Part keyed;
        boolean narrow;

        Pass(Rows r, ArrayKernels kernels) {
            this.r = r;
            this.kernels = kernels;
            this.lanes = lanes(kernels);
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
                kernels.linearPacked(x, 0, all, k, packed, data(bias), n, y, 0);
            } else {
                kernels.linearPackedColumns(x, 0, all, k, packed, data(bias), n, lo(lane, n), lo(lane + 1, n), y, 0);
            }
        }

        /** The activation of the lane's hidden units. */
        private void activate(int lane) {
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
            if (gelu) {
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
            int w = width;
            int from = lo(lane, w);
            int to = lo(lane + 1, w);
            float[] packed = matrices.inProj()[index];
            float[] bias = data(block.inProjBias());
            if (lanes == 1) {
                kernels.linearPacked(in, 0, all, w, packed, bias, 3 * w, r.qkv, 0);
            } else {
                for (int part = 0; part < 3; part++) {
                    kernels.linearPackedColumns(in, 0, all, w, packed, bias, 3 * w, part * w + from, part * w + to,
                            r.qkv, 0);
                }
            }
            keep(main, index, rows, n, r.qkv, from, to);
            if (keyed != null) {
                keep(keyed, index, rows, n, r.qkv, from, to);
            }
            int start = main.start;
            int steps = n;
            if (narrow) {
                for (int part = 0; part < 3; part++) {
                    lastOfEach(r.qkv, batch, n, part * w + from, part * w + to, 3 * w);
                }
                start += n - 1;
                steps = 1;
            }
            int h0 = lo(lane, heads);
            int h1 = lo(lane + 1, heads);
            float[] scores = r.scores[lane];
            attend(0, batch, steps, start, main.cache, index, h0, h1, scores, r, kernels);
            if (follows != null) {
                attend(follows.from, batch, steps, follows.start, follows.cache, index, h0, h1, scores, r, kernels);
            }
        }
    }

    /**
     * The keys and values of a part's rows (in {@code qkv}), channels {@code [from, to)}, into its
     * cache, at their sequences' steps.
     */
    private void keep(Part part, int index, int rows, int n, float[] qkv, int from, int to) {
        int w = width;
        float[] keys = part.cache.keys(index);
        float[] values = part.cache.values(index);
        int context = part.cache.context();
        for (int i = 0; i < rows; i++) {
            int t = part.start + i % n;
            int row = (part.from + i) * 3 * w;
            int key = part.cache.keysAt(i / n) + t;
            for (int c = from; c < to; c++) {
                keys[key + c * context] = qkv[row + w + c];
            }
            System.arraycopy(qkv, row + 2 * w + from, values, part.cache.at(i / n, t) + from, to - from);
        }
    }

    /** Scores are computed in blocks of this many steps, whole vectors of the widest vector units. */
    private static final int SCORE_BLOCK = 16;

    /**
     * The causal attention of heads {@code [h0, h1)} for the queries (in {@code qkv}) of
     * {@code batch * n} rows from row {@code from} over their sequences' cached keys and values
     * up to their own steps, into {@code attended}; the rows of sequence {@code b} are at steps
     * {@code start, start + 1, ...}. {@code scores} holds one query's scores.
     */
    private void attend(int from, int batch, int n, int start, KeyValueCache cache, int index, int h0, int h1,
                        float[] scores, Rows r, ArrayKernels kernels) {
        int w = width;
        int d = w / heads;
        float scale = (float) (1.0 / Math.sqrt(d));
        float[] keys = cache.keys(index);
        float[] values = cache.values(index);
        int context = cache.context();
        for (int i = 0; i < batch * n; i++) {
            int seen = start + i % n + 1;
            // whole vectors of scores: those past the step are of no key yet, and the softmax skips them
            int scored = Math.min(context, (seen + SCORE_BLOCK - 1) / SCORE_BLOCK * SCORE_BLOCK);
            int first = cache.at(i / n, 0);
            int row = from + i;
            for (int h = h0; h < h1; h++) {
                kernels.weightedSum(r.qkv, row * 3 * w + h * d, d, keys, cache.keysAt(i / n) + h * d * context,
                        context, scored, scores, 0);
                softmax(scores, seen, scale);
                kernels.weightedSum(scores, 0, seen, values, first + h * d, w, d, r.attended, row * w + h * d);
            }
        }
    }

    /**
     * Moves columns {@code [from, to)} of the last of every {@code n} rows (each {@code stride}
     * long) to the front rows, in order.
     */
    private static void lastOfEach(float[] rows, int batch, int n, int from, int to, int stride) {
        for (int b = 0; b < batch; b++) {
            System.arraycopy(rows, (b * n + n - 1) * stride + from, rows, b * stride + from, to - from);
        }
    }

    /** {@code s = softmax(scale s)} over the first {@code n}. */
    private static void softmax(float[] s, int n, float scale) {
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            s[j] *= scale;
            max = Math.max(max, s[j]);
        }
        float sum = 0f;
        for (int j = 0; j < n; j++) {
            s[j] = (float) Math.exp(s[j] - max);
            sum += s[j];
        }
        float inv = 1f / sum;
        for (int j = 0; j < n; j++) {
            s[j] *= inv;
        }
    }

    /** {@code y += x} over the first {@code n}. */
    private static void add(float[] y, float[] x, int n) {
        for (int i = 0; i < n; i++) {
            y[i] += x[i];
        }
    }

    private static float[] data(Parameter p) {
        return p == null ? null : p.data();
    }

    /**
     * @param kernels the array kernels the steps run on
     * @return the blocks' matrices and the head as they are now, in the layout those kernels' steps read
     */
    Matrices matrices(ArrayKernels kernels) {
        int n = blocks.size();
        Matrices m = new Matrices(new float[n][], new float[n][], new float[n][], new float[n][],
                packed(head, kernels));
        for (int i = 0; i < n; i++) {
            Block b = blocks.get(i);
            m.inProj()[i] = packed(b.inProjWeight(), kernels);
            m.outProj()[i] = packed(b.outProjWeight(), kernels);
            m.linear1()[i] = packed(b.linear1Weight(), kernels);
            m.linear2()[i] = packed(b.linear2Weight(), kernels);
        }
        return m;
    }

    /** A weight {@code [out, in]} copied as {@link ArrayKernels#packLinear} lays it out. */
    private static float[] packed(Parameter p, ArrayKernels kernels) {
        return kernels.packLinear(p.data(), p.shape().dim(0), p.shape().dim(1));
    }

    /**
     * Copies of the blocks' matrices and of the head in the layout a step reads (see
     * {@link ArrayKernels#packLinear}), made when a session starts: a product of one or two rows
     * then reads each weight once, front to back.
     */
    record Matrices(float[][] inProj, float[][] outProj, float[][] linear1, float[][] linear2, float[] head) {
    }

    /**
     * The working rows of a pass, grown to the longest pass seen: the residual stream {@code x},
     * the normed rows {@code h}, the projections {@code qkv}, the heads' outputs, the MLP's hidden
     * rows, one query's scores and the logits.
     */
    static final class Rows {
        float[] x = new float[0];
        float[] h = new float[0];
        float[] qkv = new float[0];
        float[] attended = new float[0];
        float[] hidden = new float[0];
        /** Floats past the last score of a lane: a cache line of 64 bytes. */
        private static final int SCORES_APART = 16;
        /** One query's scores for each lane. */
        float[][] scores = {new float[0], new float[0]};
        float[] logits = new float[0];
        private int rows;
        private Pass pass;

        /** @return the block pass of these rows on {@code kernels}, made at the first call with them */
        Pass pass(CachedForward forward, ArrayKernels kernels) {
            if (pass == null || pass.kernels() != kernels) {
                pass = forward.new Pass(this, kernels);
            }
            return pass;
        }

        /** Makes room for {@code rows} rows and a query over {@code steps} steps. */
        void fit(int count, int width, int hiddenWidth, int vocabulary, int steps) {
            if (count > rows) {
                rows = count;
                x = new float[count * width];
                h = new float[count * width];
                qkv = new float[count * 3 * width];
                attended = new float[count * width];
                hidden = new float[count * hiddenWidth];
                logits = new float[count * vocabulary];
            }
            for (int lane = 0; lane < scores.length; lane++) {
                if (scores[lane].length < steps + SCORES_APART) {
                    // each lane writes its own; the gap keeps them off each other's cache lines
                    scores[lane] = new float[steps + SCORES_APART];
                }
            }
        }
    }
}
