package org.neurite.engine.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.neurite.api.Mode;
import org.neurite.api.Options;
import org.neurite.api.RecurrentCell;
import org.neurite.api.Shape;
import org.neurite.api.Tensor;
import org.neurite.engine.CpuBackend;
import org.neurite.engine.nn.Model;
import org.neurite.engine.recurrent.StackedRecurrentLayerTest;
import org.neurite.engine.registry.Components;

/** Step-by-step generation: the same scores as the whole sequence, seeded draws, clear refusals. */
class TextGeneratorTest {

    private static final List<String> VOCABULARY = List.of("\n", " ", "A", "B", "C", "D", ":");

    private static Model model(RecurrentCell cell, boolean bidirectional) {
        Components components = Components.builtIns().register(StackedRecurrentLayerTest.provider(cell));
        Map<String, Object> recurrent = Map.of("type", StackedRecurrentLayerTest.provider(cell).name(),
                "hidden_size", 5, "num_layers", 2, "return_sequences", true, "bidirectional", bidirectional);
        return Model.fromOptions(Options.of("model", Map.of("input", List.of(6), "layers", List.of(
                Map.of("type", "embedding", "vocabulary", 7, "dim", 4), recurrent,
                Map.of("type", "dense", "units", 7)))), components, 3);
    }

    @Test
    void feedingOneTokenAtATimeGivesTheScoresOfTheWholeSequence() {
        for (RecurrentCell cell : RecurrentCell.values()) {
            Model model = model(cell, false);
            float[] tokens = {2, 6, 1, 3, 0, 5};
            Tensor whole = model.forward(CpuBackend.instance().tensor(tokens, Shape.of(1, 6)), Mode.INFERENCE);
            TokenStepper stepper = TokenStepper.of(model);
            for (int t = 0; t < tokens.length; t++) {
                float[] step = stepper.feed((int) tokens[t]);
                for (int v = 0; v < 7; v++) {
                    assertThat(step[v]).as("%s step %d score %d", cell, t, v).isCloseTo(whole.get(0, t, v), within(1e-5f));
                }
            }
        }
    }

    @Test
    void aPromptFedAtOnceGivesTheScoresOfItsLastToken() {
        Model model = model(RecurrentCell.LSTM, false);
        float[] tokens = {2, 6, 1, 3, 0, 5};
        Tensor whole = model.forward(CpuBackend.instance().tensor(tokens, Shape.of(1, 6)), Mode.INFERENCE);
        TokenStepper stepper = TokenStepper.of(model);

        float[] last = stepper.feed(new int[] {2, 6, 1, 3, 0, 5});
        for (int v = 0; v < 7; v++) {
            assertThat(last[v]).as("score %d", v).isCloseTo(whole.get(0, 5, v), within(1e-5f));
        }
        assertThat(stepper.context()).isZero();
    }

    @Test
    void theSameSeedGivesTheSameTextAndTopOneIsTheLikeliestToken() {
        TextGenerator generator = new TextGenerator(model(RecurrentCell.GRU, false), VOCABULARY);
        StringBuilder first = new StringBuilder();
        StringBuilder second = new StringBuilder();
        generator.generate("A:", 40, new Sampling(0.8, 0, 7), first::append);
        generator.generate("A:", 40, new Sampling(0.8, 0, 7), second::append);

        assertThat(first).hasSize(40).hasToString(second.toString());
        assertThat(new Sampling(1.0, 1, 0).draw(new float[] {0.1f, 2f, -1f, 1.9f}, new SplittableRandom(0))).isEqualTo(1);
    }

    @Test
    void aWarmUpChangesNothingTheNextGenerationDraws() {
        for (RecurrentCell cell : RecurrentCell.values()) {
            StringBuilder cold = new StringBuilder();
            new TextGenerator(model(cell, false), VOCABULARY).generate("A:", 60, new Sampling(0.8, 3, 11), cold::append);

            TextGenerator generator = new TextGenerator(model(cell, false), VOCABULARY);
            assertThat(generator.warmUp(300, Duration.ofSeconds(20))).as("%s characters fed", cell).isEqualTo(300);
            StringBuilder warm = new StringBuilder();
            generator.generate("A:", 60, new Sampling(0.8, 3, 11), warm::append);

            assertThat(warm).as("%s", cell).hasToString(cold.toString());
        }
    }

    @Test
    void aPromptCharacterOutsideTheVocabularyIsNamed() {
        TextGenerator generator = new TextGenerator(model(RecurrentCell.LSTM, false), VOCABULARY);

        assertThatThrownBy(() -> generator.generate("AZ", 5, new Sampling(1, 0, 0), s -> { }))
                .hasMessageContaining("character 2 \"Z\" (U+005A) is not in the model's vocabulary of 7 characters");
    }

    @Test
    void aBidirectionalLayerCannotGenerateAndSaysWhy() {
        TextGenerator generator = new TextGenerator(model(RecurrentCell.LSTM, true), VOCABULARY);

        assertThatThrownBy(() -> generator.generate("A", 5, new Sampling(1, 0, 0), s -> { }))
                .hasMessageContaining("bidirectional layer cannot run one step at a time");
    }

    @Test
    void aModelWithoutAnEmbeddingOrWithAnotherVocabularyIsRefused() {
        Model flat = Model.fromOptions(Options.of("model", Map.of("input", List.of(3), "layers",
                List.of(Map.of("type", "dense", "units", 7)))), Components.builtIns(), 0);

        assertThatThrownBy(() -> new TextGenerator(flat, VOCABULARY)).hasMessageContaining("first layer is an embedding or a decoder");
        assertThatThrownBy(() -> new TextGenerator(model(RecurrentCell.GRU, false), VOCABULARY.subList(0, 5)))
                .hasMessageContaining("scores 7 tokens, but its vocabulary holds 5 characters");
        assertThatThrownBy(() -> new Sampling(0, 0, 0)).hasMessageContaining("temperature must be a number above 0");
    }
}
