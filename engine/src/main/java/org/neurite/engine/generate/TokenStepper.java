package org.neurite.engine.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.neurite.api.Backend;
import org.neurite.api.GradScope;
import org.neurite.api.IncrementalDecoder;
import org.neurite.api.Layer;
import org.neurite.api.Mode;
import org.neurite.api.Shape;
import org.neurite.api.StepwiseLayer;
import org.neurite.api.Tensor;
import org.neurite.engine.CpuBackend;
import org.neurite.engine.kernel.Parallel;
import org.neurite.engine.nn.Model;
import org.neurite.engine.nn.Sequential;

/**
 * Runs a sequential token model a few positions at a time, keeping what it computed for the
 * earlier ones: each {@link StepwiseLayer} (a recurrent layer) carries its state from position to
 * position, each {@link IncrementalDecoder} (a GPT) its key/value cache, and the position-wise
 * layers between them (embedding, dense, layer norm, activation, dropout) apply to the new
 * positions as they are. So each token fed costs the same, however long the text so far.
 *
 * <p>A decoder attends over at most its {@link IncrementalDecoder#context() context} of tokens,
 * and its positions cannot slide. When its cache is full it goes on from the latest half context
 * of tokens, which a follower session has cached meanwhile (see {@link DecoderStage}), so it
 * always sees between half and all of its context, at a constant cost per token.
 */
public final class TokenStepper {

    /** Layer types that act on each position alone, so a few positions at a time give the same result. */
    private static final Set<String> POSITION_WISE = Set.of("embedding", "dense", "layer_norm", "activation",
            "dropout");

    private final List<Stage> stages;
    private final boolean tensorStages;
    private final Backend backend = CpuBackend.instance();

    private TokenStepper(List<Stage> stages) {
        this.stages = stages;
        this.tensorStages = !stages.stream().allMatch(DecoderStage.class::isInstance);
        reset();
    }

    /**
     * @param model a sequential model from token ids {@code [time]} to scores {@code [time, vocabulary]},
     *     whose first layer takes the ids: an embedding or a decoder
     * @return a stepper over it, at the start of a text
     * @throws IllegalArgumentException if the model is not sequential or has a layer that cannot run a
     *     few positions at a time, naming it
     */
    public static TokenStepper of(Model model) {
        if (!(model instanceof Sequential sequential)) {
            throw new IllegalArgumentException("generation steps through a sequential model of layers; this model is"
                    + " a graph");
        }
        List<Layer> layers = sequential.layers();
        if (layers.isEmpty() || !(layers.get(0).type().equals("embedding")
                || layers.get(0) instanceof IncrementalDecoder)) {
            throw new IllegalArgumentException("generation needs a token model whose first layer is an embedding or"
                    + " a decoder (such as causal_lm), got " + (layers.isEmpty() ? "no layers"
                            : "layer 0 of type " + layers.get(0).type()));
        }
        boolean positionWiseAfterDecoder = layers.stream().skip(1).allMatch(l -> POSITION_WISE.contains(l.type()));
        List<Stage> stages = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            if (layer instanceof IncrementalDecoder decoder && i == 0) {
                stages.add(new DecoderStage(decoder, positionWiseAfterDecoder));
            } else if (layer instanceof StepwiseLayer stepwise) {
                stages.add(new StepwiseStage(stepwise));
            } else if (POSITION_WISE.contains(layer.type())) {
                stages.add(new PositionWiseStage(layer));
            } else {
                throw new IllegalArgumentException("layer " + i + " (" + layer.type() + ") cannot run a few positions"
                        + " at a time: generation takes recurrent layers, a decoder (causal_lm) as the first layer"
                        + " and position-wise layers (" + String.join(", ", POSITION_WISE.stream().sorted().toList())
                        + ")");
            }
        }
        return new TokenStepper(List.copyOf(stages));
    }

    /** @return the most tokens the model attends over (a decoder's context), or 0 when it has no such limit */
    public int context() {
        return stages.stream().filter(DecoderStage.class::isInstance)
                .mapToInt(s -> ((DecoderStage) s).decoder.context()).min().orElse(0);
    }

    /** Forgets the text so far: every stepwise layer back to its initial state, every cache emptied. */
    public void reset() {
        stages.forEach(Stage::reset);
    }

    /**
     * Feeds one token, on the calling thread: the work of one position is a set of tiny loops (a
     * product of one row, one query's attention), each of which would cost more to hand to the
     * engine's pool than to run here. A decoder alone runs its token on array kernels, which stay on
     * the calling thread by themselves.
     *
     * @param token the token id
     * @return the model's scores of the next token
     */
    public float[] feed(int token) {
        float[] ids = {token};
        return tensorStages ? Parallel.onCallingThread(() -> run(ids)) : run(ids);
    }

    /**
     * Feeds a few tokens, such as a prompt: a decoder takes them in one batched pass.
     *
     * @param tokens the token ids, at least one
     * @return the model's scores of the token after the last of them
     */
    public float[] feed(int[] tokens) {
        if (tokens.length == 0) {
            throw new IllegalArgumentException("feed at least one token");
        }
        float[] ids = new float[tokens.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = tokens[i];
        }
        return run(ids);
    }

    /** Runs the positions {@code ids} through every stage; returns the scores after the last. */
    private float[] run(float[] ids) {
        try (GradScope scope = backend.noGrad()) {
            Tensor x = backend.tensor(ids, Shape.of(1, ids.length));
            for (Stage stage : stages) {
                x = stage.run(x);
            }
            int n = x.shape().dim(1);
            return (n == 1 ? x : x.slice(1, n - 1, n)).toArray();
        }
    }

    /** One layer run on the new positions {@code [1, n, ...]} of one sequence, remembering the earlier ones. */
    private interface Stage {

        Tensor run(Tensor x);

        void reset();
    }

    /** A layer that acts on each position alone. */
    private record PositionWiseStage(Layer layer) implements Stage {

        @Override
        public Tensor run(Tensor x) {
            return layer.forward(x, Mode.INFERENCE);
        }

        @Override
        public void reset() {
        }
    }

    /** A recurrent layer, one position after the other, carrying its state. */
    private static final class StepwiseStage implements Stage {

        private final StepwiseLayer layer;
        private List<Tensor> state;

        StepwiseStage(StepwiseLayer layer) {
            this.layer = layer;
        }

        @Override
        public Tensor run(Tensor x) {
            int n = x.shape().dim(1);
            List<Tensor> outputs = new ArrayList<>(n);
            for (int t = 0; t < n; t++) {
                Tensor position = n == 1 ? x : x.slice(1, t, t + 1);
                var result = layer.step(position.reshape(1, -1), state);
                state = result.state();
                outputs.add(result.output().reshape(1, 1, -1));
            }
            return n == 1 ? outputs.get(0) : x.backend().concat(outputs, 1);
        }

        @Override
        public void reset() {
            state = layer.initialState(1);
        }
    }

    /**
     * A decoder continuing its cached sequence; goes on from the latest half context when full.
     * From the time its session holds all but half a context of tokens, every token also goes to
     * a follower session (in the same pass where the decoder can: each weight read once for both),
     * which so holds the latest half context when the session is full and takes over from it, at
     * positions 0, 1, ... again; the full session is then emptied to follow the new one. So the
     * restart costs no pass of its own. When only position-wise layers follow the decoder, it
     * scores only the last of the new positions (the only one whose scores the stepper returns),
     * so a prompt skips the others' work.
     */
    private static final class DecoderStage implements Stage {

        private final IncrementalDecoder decoder;
        private final boolean lastOnly;
        /** The session's length from which tokens also go to the follower: it then ends with half a context. */
        private final int followFrom;
        private IncrementalDecoder.Session session;
        private IncrementalDecoder.Session follower;

        DecoderStage(IncrementalDecoder decoder, boolean lastOnly) {
            this.decoder = decoder;
            this.lastOnly = lastOnly;
            this.followFrom = decoder.context() - decoder.context() / 2;
        }

        @Override
        public Tensor run(Tensor ids) {
            int total = ids.shape().dim(1);
            List<Tensor> outputs = new ArrayList<>(1);
            int at = 0;
            while (at < total) {
                if (session.length() == decoder.context()) {
                    IncrementalDecoder.Session full = session;
                    session = follower;
                    follower = decoder.restart(full);
                }
                boolean follow = session.length() >= followFrom;
                int n = Math.min(total - at, (follow ? decoder.context() : followFrom) - session.length());
                Tensor part = n == total ? ids : ids.slice(1, at, at + n);
                if (lastOnly) {
                    outputs.clear();
                    outputs.add((follow ? session.nextLast(part, follower) : session.nextLast(part))
                            .reshape(1, 1, -1));
                } else {
                    if (follow) {
                        follower.nextLast(part);
                    }
                    outputs.add(session.next(part));
                }
                at += n;
            }
            return outputs.size() == 1 ? outputs.get(0) : ids.backend().concat(outputs, 1);
        }

        @Override
        public void reset() {
            session = decoder.start();
            follower = decoder.beside(session);
        }
    }
}
