package org.neurite.plugins.transformer;

import java.util.Arrays;
import java.util.List;

import org.neurite.api.IncrementalDecoder;
import org.neurite.api.Layer;
import org.neurite.api.Mode;
import org.neurite.api.Options;
import org.neurite.api.Parameter;
import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;
import org.neurite.api.Tensor;

/**
 * A decoder-only language model in one layer, as nanoGPT's {@code GPT}: token embedding
 * {@code tokens.weight [vocabulary, width]} plus learned positions
 * {@code positions.weight [context, width]}, causal encoder blocks ({@code blocks.<i>.*}, the
 * names of {@code nn.TransformerEncoderLayer}), a final layer norm {@code norm}, and per-token
 * logits from a head that is the token embedding itself (tied) or its own {@code head.weight}.
 *
 * <p>It can also continue sequences a few tokens at a time with a {@link KeyValueCache}: each
 * block's attention keeps the keys and values of earlier steps, so a new token costs its own
 * projections and one attention row per block, never a pass over the prefix. That pass runs on
 * plain arrays ({@link CachedForward}), as generation repeats it for every token.
 *
 * <p>Shape: input token ids {@code [batch, time]} (whole numbers as floats), {@code time <= context};
 * output logits {@code [batch, time, vocabulary]}.
 */
final class CausalLm extends CompositeLayer implements IncrementalDecoder {

    static final String TYPE = "causal_lm";

    private final int vocabulary;
    private final int context;
    private final Parameter tokens;
    private final Parameter positions;
    private final List<EncoderLayer> blocks;
    private final Layer norm;
    private final Parameter head;
    private final CachedForward cached;

    CausalLm(Options options, int context, Parameter tokens, Parameter positions, List<EncoderLayer> blocks,
             Layer norm, Parameter head) {
        super(TYPE, options);
        this.vocabulary = tokens.shape().dim(0);
        this.context = context;
        this.tokens = parameter("tokens.weight", tokens);
        this.positions = parameter("positions.weight", positions);
        for (int i = 0; i < blocks.size(); i++) {
            part("blocks." + i, blocks.get(i));
        }
        this.blocks = List.copyOf(blocks);
        this.norm = part("norm", norm);
        this.head = head == null ? null : parameter("head.weight", head);
        this.cached = new CachedForward(options, parameters(), blocks.size());
    }

    @Override
    public int context() {
        return context;
    }

    @Override
    public int vocabulary() {
        return vocabulary;
    }

    @Override
    public Session start() {
        return new CachedSession(newCache());
    }

    /** Empties the previous session's cache and keeps its storage and weight copies, when it is one of this model's. */
    @Override
    public Session restart(Session previous) {
        if (previous instanceof CachedSession session && session.owner() == this) {
            session.cache.clear();
            return new CachedSession(session.cache);
        }
        return start();
    }

    /** An empty session over a cache of its own that reads the weights as {@code session} does, when it is one of this model's. */
    @Override
    public Session beside(Session session) {
        if (session instanceof CachedSession other && other.owner() == this) {
            return new CachedSession(new KeyValueCache(blocks.size(), context, tokens.shape().dim(1),
                    other.cache.matrices()));
        }
        return start();
    }

    /** A session of this model over its cache. */
    private final class CachedSession implements Session {

        private final KeyValueCache cache;

        CachedSession(KeyValueCache cache) {
            this.cache = cache;
        }

        CausalLm owner() {
            return CausalLm.this;
        }

        @Override
        public int length() {
            return cache.length();
        }

        @Override
        public Tensor next(Tensor ids) {
            return CausalLm.this.next(ids, cache, null, false);
        }

        @Override
        public Tensor nextLast(Tensor ids) {
            return CausalLm.this.next(ids, cache, null, true);
        }

        /** Both in one pass when the follower is another session of this model reading the same weight copies. */
        @Override
        public Tensor nextLast(Tensor ids, Session follower) {
            if (follower instanceof CachedSession other && other.owner() == CausalLm.this && other.cache != cache
                    && other.cache.matrices() == cache.matrices()) {
                return CausalLm.this.next(ids, cache, other.cache, true);
            }
            return Session.super.nextLast(ids, follower);
        }
    }

    @Override
    public Shape outputShape(Shape inputShape) {
        if (inputShape.rank() != 1) {
            throw new ShapeMismatchException(TYPE + ": expects token ids [time], got " + inputShape);
        }
        if (inputShape.dim(0) > context) {
            throw new ShapeMismatchException(TYPE + ": a sequence of " + inputShape.dim(0)
                    + " tokens is longer than the context " + context);
        }
        return Shape.of(inputShape.dim(0), vocabulary);
    }

    @Override
    public Tensor forward(Tensor ids, Mode mode) {
        outputShape(ids.shape().sub(1, ids.shape().rank()));
        Tensor x = embed(ids);
        for (EncoderLayer block : blocks) {
            x = block.forward(x, mode);
        }
        return logits(x, mode);
    }

    /** @return an empty cache for continuing {@code batch} sequences */
    KeyValueCache newCache() {
        return new KeyValueCache(blocks.size(), context, tokens.shape().dim(1), cached.matrices(tokens.value().backend().arrayKernels()));
    }

    /**
     * Continues the cached sequences by the given tokens, in inference.
     *
     * @param ids the next tokens {@code [batch, n]}; the cache's length plus n must not exceed the context
     * @param cache the keys and values of the earlier tokens, extended by these
     * @return the logits after each new token, {@code [batch, n, vocabulary]}
     */
    Tensor next(Tensor ids, KeyValueCache cache) {
        return next(ids, cache, null, false);
    }

    /**
     * @param follower another cache, continued by the same tokens in the same pass, or {@code null}
     * @param lastOnly whether to score only what follows each sequence's last new token
     * @return the logits, {@code [batch, n, vocabulary]}, or {@code [batch, vocabulary]} with {@code lastOnly}
     */
    private Tensor next(Tensor ids, KeyValueCache cache, KeyValueCache follower, boolean lastOnly) {
        if (ids.shape().rank() != 2) {
            throw new ShapeMismatchException(TYPE + ": expects new token ids [batch, n], got " + ids.shape());
        }
        int batch = ids.shape().dim(0);
        int n = ids.shape().dim(1);
        checkRoom(cache, n);
        if (follower != null) {
            checkRoom(follower, n);
        }
        float[] logits = cached.next(ids.toArray(), batch, n, lastOnly, cache, follower,
                ids.backend().arrayKernels());
        Shape shape = lastOnly ? Shape.of(batch, vocabulary) : Shape.of(batch, n, vocabulary);
        return ids.backend().tensor(Arrays.copyOf(logits, shape.intSize()), shape);
    }

    private void checkRoom(KeyValueCache cache, int n) {
        if (cache.length() + n > context) {
            throw new ShapeMismatchException(TYPE + ": " + cache.length() + " cached tokens and " + n
                    + " new ones exceed the context " + context);
        }
    }

    /** Token vectors plus the vectors of their positions. */
    private Tensor embed(Tensor ids) {
        int time = ids.shape().dim(1);
        Tensor x = ids.backend().embedding(tokens.value(), ids);
        return x.add(positions.value().slice(0, 0, time));
    }

    private Tensor logits(Tensor x, Mode mode) {
        Tensor h = norm.forward(x, mode);
        Tensor w = head == null ? tokens.value() : head.value();
        return h.backend().linear(h, w, null);
    }
}
