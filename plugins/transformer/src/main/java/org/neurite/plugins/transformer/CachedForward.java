package org.neurite.plugins.transformer;

import static org.neurite.plugins.transformer.BlockWeights.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
 * with their activation; {@link BlockPass}), so that a lane's outputs are what one thread computes
 * for them. The matrices of the blocks and the head are read from packed copies that a session
 * makes when it starts ({@link PackedMatrices}; a session restarted from it keeps them), the
 * embeddings, norms and biases where the parameters keep them.
 *
 * <p>A new row {@code x} (token vector plus position vector) goes through each block as
 * <pre>
 * pre-norm:  x = x + out_proj(attention(in_proj(norm1(x))));  x = x + linear2(act(linear1(norm2(x))))
 * post-norm: x = norm1(x + out_proj(attention(in_proj(x))));  x = norm2(x + linear2(act(linear1(x))))
 * </pre>
 * then the final norm and the head give its logits; the attention is {@link CachedAttention}.
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
    private final List<BlockWeights> blocks;
    private final Parameter normWeight;
    private final Parameter normBias;
    private final Parameter head;
    private final CachedAttention attention;

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
        List<BlockWeights> list = new ArrayList<>();
        for (int i = 0; i < blockCount; i++) {
            list.add(BlockWeights.of(parameters, "blocks." + i + "."));
        }
        this.blocks = List.copyOf(list);
        this.hidden = blockCount == 0 ? 0 : list.get(0).linear1Weight().shape().dim(0);
        this.normWeight = parameters.get("norm.weight");
        this.normBias = parameters.get("norm.bias");
        Parameter untied = parameters.get("head.weight");
        this.head = untied == null ? tokens : untied;
        this.attention = new CachedAttention(width, heads);
    }

    int width() {
        return width;
    }

    int heads() {
        return heads;
    }

    int hidden() {
        return hidden;
    }

    /** @return whether the MLP's activation is GELU (else ReLU) */
    boolean gelu() {
        return gelu;
    }

    CachedAttention attention() {
        return attention;
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
        CachePart main = new CachePart(cache, 0, cache.length());
        CachePart follows = null;
        if (follower != null) {
            follower.holdBatch(batch);
            follows = new CachePart(follower, rows, follower.length());
        }
        DecodeRows r = cache.rows();
        // the head's rows as wide as its packed panels, so that no panel ends part-way through (a masked store)
        int step = kernels.packedColumnStep();
        int scored = (vocabulary + step - 1) / step * step;
        r.fit(follows == null ? rows : 2 * rows, width, hidden, scored, cache.context());
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
        kernels.linearPacked(r.h, 0, out, width, cache.matrices().head(), null, scored, r.logits, 0);
        for (int i = 1; i < out && scored != vocabulary; i++) {
            System.arraycopy(r.logits, i * scored, r.logits, i * vocabulary, vocabulary);
        }
        return r.logits;
    }

    /** Token vectors plus the vectors of their positions, for the rows of a part. */
    private void embed(float[] ids, int rows, int n, CachePart part, float[] x) {
        float[] table = tokens.data();
        float[] pos = positions.data();
        for (int i = 0; i < rows; i++) {
            float id = ids[i];
            int token = (int) id;
            if (token != id || token < 0 || token >= vocabulary) {
                throw new IllegalArgumentException(CausalLm.TYPE + ": token id " + id + " at position " + i
                        + " is not a whole number in [0, " + vocabulary + ")");
            }
            int p = (part.start() + i % n) * width;
            int at = (part.from() + i) * width;
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
     * attention of the heads, and the activation) run in {@link BlockPass lanes}; the residual sums and
     * the norms between them on the calling thread.
     */
    private void block(BlockWeights b, int index, int batch, int n, CachePart main, CachePart follows,
                       CachePart keyed, boolean narrow, DecodeRows r, ArrayKernels kernels) {
        int w = width;
        int rows = batch * n;
        int all = keyed == null ? rows : 2 * rows;
        BlockPass pass = r.pass(this, kernels);
        pass.block = b;
        pass.index = index;
        pass.matrices = main.cache().matrices();
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
        pass.run(BlockPass.PROJECT_AND_ATTEND);
        if (pass.narrow) {
            CachedAttention.lastOfEach(r.x, batch, n, 0, w, w);
            all = batch;
        } else if (follows == null) {
            all = rows;
        }
        pass.all = all;
        pass.run(BlockPass.OUT_PROJ);
        if (normFirst) {
            add(r.x, r.h, all * w);
            kernels.layerNorm(r.x, 0, all, w, data(b.norm2Weight()), data(b.norm2Bias()), epsilon, r.h, 0);
            pass.run(BlockPass.LINEAR1);
            pass.run(BlockPass.LINEAR2);
            add(r.x, r.h, all * w);
        } else {
            add(r.h, r.x, all * w);
            kernels.layerNorm(r.h, 0, all, w, data(b.norm1Weight()), data(b.norm1Bias()), epsilon, r.x, 0);
            System.arraycopy(r.x, 0, r.h, 0, all * w);
            pass.run(BlockPass.LINEAR1);
            pass.run(BlockPass.LINEAR2);
            add(r.h, r.x, all * w);
            kernels.layerNorm(r.h, 0, all, w, data(b.norm2Weight()), data(b.norm2Bias()), epsilon, r.x, 0);
        }
    }

    /** {@code y += x} over the first {@code n}. */
    private static void add(float[] y, float[] x, int n) {
        for (int i = 0; i < n; i++) {
            y[i] += x[i];
        }
    }

    /**
     * @param kernels the array kernels the steps run on
     * @return the blocks' matrices and the head as they are now, in the layout those kernels' steps read
     */
    PackedMatrices matrices(ArrayKernels kernels) {
        return PackedMatrices.of(blocks, head, kernels);
    }
}
