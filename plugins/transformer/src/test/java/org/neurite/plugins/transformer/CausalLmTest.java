package org.neurite.plugins.transformer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.neurite.plugins.transformer.PluginComponents.layer;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.neurite.api.IncrementalDecoder;
import org.neurite.api.Mode;
import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;
import org.neurite.api.Tensor;
import org.neurite.engine.check.TorchFixture;
import org.neurite.engine.CpuBackend;

class CausalLmTest {

    private static final Map<String, Object> SMALL = Map.of("vocabulary", 13, "context", 10, "width", 8,
            "layers", 2, "heads", 2);

    private static Tensor ids(float[] values, int batch) {
        return CpuBackend.instance().tensor(values, Shape.of(batch, values.length / batch));
    }

    /**
     * The example's kind of model, and one of every other choice the cached pass follows; both
     * also as wide as the example, where a step's products split across the backend's lanes.
     */
    static List<Map<String, Object>> variants() {
        Map<String, Object> other = new java.util.HashMap<>(SMALL);
        other.putAll(Map.of("norm_first", false, "activation", "relu", "bias", false, "tie_embeddings", false,
                "feedforward", 12, "layer_norm_eps", 1e-3));
        Map<String, Object> wide = new java.util.HashMap<>(SMALL);
        wide.putAll(Map.of("width", 128, "heads", 4, "feedforward", 256));
        Map<String, Object> otherWide = new java.util.HashMap<>(other);
        otherWide.putAll(Map.of("width", 128, "heads", 4, "feedforward", 256));
        return List.of(SMALL, other, wide, otherWide);
    }

    @ParameterizedTest
    @MethodSource("variants")
    void theCacheGivesTheLogitsOfTheFullForwardPassTokenByToken(Map<String, Object> options) {
        CausalLm lm = (CausalLm) layer("causal_lm", options, List.of(Shape.of(10)));
        float[] tokens = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 12, 0, 7, 7, 1, 8, 2, 8, 1, 8};
        float[] full = lm.forward(ids(tokens, 2), Mode.INFERENCE).toArray(); // [2, 10, 13]

        KeyValueCache cache = lm.newCache();
        float[] prompt = {3, 1, 4, 12, 0, 7}; // the first 3 tokens of each row at once
        float[] first = lm.next(ids(prompt, 2), cache).toArray();
        assertThat(cache.length()).isEqualTo(3);
        for (int b = 0; b < 2; b++) {
            TorchFixture.assertClose("prompt row " + b, slice(first, b * 3 * 13, 3 * 13),
                    slice(full, b * 10 * 13, 3 * 13), 1e-5, 1e-5);
        }
        for (int t = 3; t < 10; t++) {
            float[] step = lm.next(ids(new float[] {tokens[t], tokens[10 + t]}, 2), cache).toArray();
            for (int b = 0; b < 2; b++) {
                TorchFixture.assertClose("step " + t + " row " + b, slice(step, b * 13, 13),
                        slice(full, (b * 10 + t) * 13, 13), 1e-5, 1e-5);
            }
        }
        // scoring only the last new token of each row gives the same scores, and the same cache after
        IncrementalDecoder.Session session = lm.start();
        float[] last = session.nextLast(ids(prompt, 2)).toArray(); // [2, 13]
        float[] next = session.nextLast(ids(new float[] {tokens[3], tokens[13]}, 2)).toArray();
        for (int b = 0; b < 2; b++) {
            TorchFixture.assertClose("last of the prompt, row " + b, slice(last, b * 13, 13),
                    slice(full, (b * 10 + 2) * 13, 13), 1e-5, 1e-5);
            TorchFixture.assertClose("step 3 after it, row " + b, slice(next, b * 13, 13),
                    slice(full, (b * 10 + 3) * 13, 13), 1e-5, 1e-5);
        }
        assertThatThrownBy(() -> lm.next(ids(new float[] {1, 2}, 2), cache))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessage("causal_lm: 10 cached tokens and 1 new ones exceed the context 10");
    }

    @ParameterizedTest
    @MethodSource("variants")
    void aFollowerContinuedInTheSamePassCachesWhatItWouldAlone(Map<String, Object> options) {
        CausalLm lm = (CausalLm) layer("causal_lm", options, List.of(Shape.of(10)));
        float[][] rows = {{3, 1, 4, 1, 5, 9, 2, 6}, {12, 0, 7, 7, 1, 8, 2, 8}};
        IncrementalDecoder.Session session = lm.start();
        IncrementalDecoder.Session follower = lm.beside(session);
        session.nextLast(ids(columns(rows, 0, 4), 2));
        // two tokens at once, then one, each into both sessions
        float[] two = session.nextLast(ids(columns(rows, 4, 6), 2), follower).toArray();
        float[] one = session.nextLast(ids(columns(rows, 6, 7), 2), follower).toArray();
        assertThat(session.length()).isEqualTo(7);
        assertThat(follower.length()).isEqualTo(3);
        float[] full = lm.forward(ids(columns(rows, 0, 7), 2), Mode.INFERENCE).toArray(); // [2, 7, 13]
        // the follower holds tokens 4-6 at positions 0-2: it goes on as a full pass over them
        float[] followed = follower.nextLast(ids(columns(rows, 7, 8), 2)).toArray();
        float[] fullOfFollowed = lm.forward(ids(columns(rows, 4, 8), 2), Mode.INFERENCE).toArray(); // [2, 4, 13]
        for (int b = 0; b < 2; b++) {
            TorchFixture.assertClose("two at once, row " + b, slice(two, b * 13, 13),
                    slice(full, (b * 7 + 5) * 13, 13), 1e-5, 1e-5);
            TorchFixture.assertClose("one, row " + b, slice(one, b * 13, 13),
                    slice(full, (b * 7 + 6) * 13, 13), 1e-5, 1e-5);
            TorchFixture.assertClose("the follower's next, row " + b, slice(followed, b * 13, 13),
                    slice(fullOfFollowed, (b * 4 + 3) * 13, 13), 1e-5, 1e-5);
        }
    }

    @Test
    void greedyGenerationThroughTheApiSessionFollowsTheFullForwardPass() {
        IncrementalDecoder lm = (IncrementalDecoder) layer("causal_lm", SMALL, List.of(Shape.of(10)));
        IncrementalDecoder.Session session = lm.start();
        float[] sequence = new float[10];
        sequence[0] = 5;
        Tensor logits = session.next(ids(new float[] {5}, 1));
        for (int t = 1; t < 10; t++) {
            sequence[t] = logits.argmax(2).toArray()[0];
            logits = session.next(ids(new float[] {sequence[t]}, 1));
        }
        // the full pass over the generated sequence picks the same next token at every step
        float[] full = lm.forward(ids(sequence, 1), Mode.INFERENCE).argmax(2).toArray();
        for (int t = 0; t < 9; t++) {
            assertThat(full[t]).as("step " + t).isEqualTo(sequence[t + 1]);
        }
        assertThat(session.length()).isEqualTo(10);
        assertThat(lm.vocabulary()).isEqualTo(13);
        assertThat(lm.context()).isEqualTo(10);
    }

    @Test
    void theTokenStepperContinuesWithTheCacheAndStartsAgainFromTheLatestHalfContextWhenFull() {
        Map<String, Object> options = new java.util.HashMap<>(SMALL);
        options.put("type", "causal_lm");
        org.neurite.engine.nn.Sequential model = PluginComponents.model(List.of(10), List.of(options));
        org.neurite.engine.generate.TokenStepper stepper = org.neurite.engine.generate.TokenStepper.of(model);
        assertThat(stepper.context()).isEqualTo(10);
        float[] text = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 12, 0, 7, 7, 1, 8, 2, 8, 1, 8, 4, 4};

        // a prompt of 4 at once, then one token at a time: 10 fill the cache; the 11th starts again
        // from the latest 5 (positions 0-4 again), which then grow up to 10 before the next restart
        assertEveryStepIsTheFullPassOverItsWindow(model, stepper, text, 4, 10, 13);
    }

    /**
     * The example's shape (width 128 in 4 heads, context 64, 65 tokens: a head wider than one
     * packed panel), where a query's scores fill whole vectors and the follower carries two rows
     * through the products: every step equals the full pass over the window it sees, through the
     * context filling up and two restarts (the follower taking over, then the emptied session).
     */
    @Test
    void atTheExamplesShapeEveryStepThroughTheRestartsIsTheFullPassOverItsWindow() {
        Map<String, Object> options = new java.util.HashMap<>(Map.of("type", "causal_lm", "vocabulary", 65,
                "context", 64, "width", 128, "layers", 2, "heads", 4, "feedforward", 128));
        org.neurite.engine.nn.Sequential model = PluginComponents.model(List.of(64), List.of(options));
        org.neurite.engine.generate.TokenStepper stepper = org.neurite.engine.generate.TokenStepper.of(model);
        float[] text = new float[64 + 32 + 5];
        java.util.SplittableRandom random = new java.util.SplittableRandom(11);
        for (int i = 0; i < text.length; i++) {
            text[i] = random.nextInt(65);
        }
        assertEveryStepIsTheFullPassOverItsWindow(model, stepper, text, 3, 64, 65);
    }

    /**
     * Feeds the first {@code prompt} tokens of {@code text} at once, then the rest one at a time,
     * and checks each step's scores against the full pass over the window the stepper sees: the
     * text so far until the context is full, then from the latest half context on after each restart.
     */
    private static void assertEveryStepIsTheFullPassOverItsWindow(org.neurite.engine.nn.Sequential model,
            org.neurite.engine.generate.TokenStepper stepper, float[] text, int prompt, int context, int vocabulary) {
        int[] first = new int[prompt];
        for (int i = 0; i < prompt; i++) {
            first[i] = (int) text[i];
        }
        float[] scores = stepper.feed(first);
        int half = context / 2;
        for (int t = prompt - 1; t < text.length; t++) {
            if (t > prompt - 1) {
                scores = stepper.feed((int) text[t]);
            }
            int seen = t + 1;
            int window = seen <= context ? seen : half + (seen - context - 1) % half + 1;
            float[] visible = java.util.Arrays.copyOfRange(text, seen - window, seen);
            float[] full = model.forward(ids(visible, 1), Mode.INFERENCE).toArray();
            TorchFixture.assertClose("after token " + t + " (window " + window + ")", scores,
                    slice(full, (window - 1) * vocabulary, vocabulary), 1e-5, 1e-5);
        }
    }

    @Test
    void aSessionStartedAfterTheWeightsChangeDecodesWithTheNewOnes() {
        CausalLm lm = (CausalLm) layer("causal_lm", SMALL, List.of(Shape.of(10)));
        float[] tokens = {3, 1, 4, 1, 5};
        IncrementalDecoder.Session before = lm.start();
        before.nextLast(ids(tokens, 1));
        float[] w = lm.parameters().get("blocks.1.linear2.weight").data();
        for (int i = 0; i < w.length; i++) {
            w[i] *= -2f;
        }
        float[] full = lm.forward(ids(tokens, 1), Mode.INFERENCE).toArray();
        float[] fresh = lm.start().nextLast(ids(tokens, 1)).toArray();
        TorchFixture.assertClose("a new session", fresh, slice(full, 4 * 13, 13), 1e-5, 1e-5);
        // a restarted session keeps the copies of the session it restarts, as the api allows
        float[] restarted = lm.restart(before).nextLast(ids(tokens, 1)).toArray();
        assertThat(restarted).isNotEqualTo(fresh);
    }

    @Test
    void theHeadIsTheTokenEmbeddingUnlessUntied() {
        assertThat(layer("causal_lm", SMALL, List.of(Shape.of(10))).parameters()).doesNotContainKey("head.weight")
                .containsKeys("tokens.weight", "positions.weight", "blocks.1.self_attn.in_proj_weight", "norm.weight");
        Map<String, Object> untied = new java.util.HashMap<>(SMALL);
        untied.put("tie_embeddings", false);
        assertThat(layer("causal_lm", untied, List.of(Shape.of(10))).parameters().get("head.weight").shape())
                .isEqualTo(Shape.of(13, 8));
    }

    @Test
    void matricesStartSmall() {
        float[] tokens = layer("causal_lm", SMALL, List.of(Shape.of(10))).parameters().get("tokens.weight").data();
        double sumSquares = 0;
        for (float x : tokens) {
            sumSquares += x * x;
        }
        assertThat(Math.sqrt(sumSquares / tokens.length)).isBetween(0.015, 0.025);
    }

    @Test
    void aSequenceLongerThanTheContextIsAnOptionError() {
        assertThatThrownBy(() -> PluginComponents.model(List.of(12), List.of(Map.of("type", "causal_lm",
                "vocabulary", 13, "context", 10, "width", 8, "layers", 1, "heads", 2))))
                .isInstanceOf(org.neurite.api.OptionException.class)
                .hasMessage("model.layers[0].context: the input has 12 tokens, more than the context 10");
    }

    /** Steps {@code from..to} of every row, as ids {@code [rows, to - from]} row after row. */
    private static float[] columns(float[][] rows, int from, int to) {
        float[] out = new float[rows.length * (to - from)];
        for (int b = 0; b < rows.length; b++) {
            System.arraycopy(rows[b], from, out, b * (to - from), to - from);
        }
        return out;
    }

    private static float[] slice(float[] a, int from, int length) {
        return java.util.Arrays.copyOfRange(a, from, from + length);
    }
}
