package org.neurite.engine.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.neurite.api.Options;
import org.neurite.api.Shape;
import org.neurite.engine.CpuBackend;
import org.neurite.engine.data.Dataset;
import org.neurite.engine.nn.Model;
import org.neurite.engine.registry.Components;

/** Greedy decoding feeds each step's likeliest token back and stops at the end token. */
class GreedyDecoderTest {

    /** A decoder whose likeliest next token is always the current one plus 1 (ids 0..5). */
    private static Model successor() {
        Model model = Model.fromOptions(Options.of("model", Map.of("input", List.of(5), "layers", List.of(
                Map.of("type", "embedding", "vocabulary", 6, "dim", 6),
                Map.of("type", "dense", "units", 6)))), Components.builtIns(), 0);
        float[] embedding = model.parameters().get("0.weight").data();
        float[] dense = model.parameters().get("1.weight").data();
        java.util.Arrays.fill(dense, 0);
        java.util.Arrays.fill(model.parameters().get("1.bias").data(), 0);
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 6; j++) {
                embedding[i * 6 + j] = i == j ? 1 : 0;
            }
            dense[((i + 1) % 6) * 6 + i] = 1; // row = output, column = input
        }
        return model;
    }

    @Test
    void decodesUntilTheEndTokenAndCountsExactMatches() {
        Model model = successor();
        String input = model.inputShapes().keySet().iterator().next();

        int[][] decoded = new GreedyDecoder(model, new GreedyDecoder.Settings(input, 0, 3))
                .decode(Map.of(input, CpuBackend.instance().tensor(new float[5], Shape.of(1, 5))));
        assertThat(decoded[0]).containsExactly(1, 2);

        GreedyDecoder decoder = new GreedyDecoder(model, new GreedyDecoder.Settings(input, 0, 5));
        // answers 1 2 3 4 then the end: right; 1 2 then the end: wrong; the last never ends in 5 steps
        Dataset data = Dataset.builder().input(input, new float[15], Shape.of(5))
                .classes(new float[] {1, 2, 3, 4, 5, 1, 2, 5, -100, -100, 1, 2, 3, 4, 4}, Shape.of(5), 6).build();
        GreedyDecoder.Result result = decoder.evaluate(data, 2);

        assertThat(result.samples()).isEqualTo(3);
        assertThat(result.exactMatches()).isEqualTo(1);
        assertThat(result.exactMatch()).isEqualTo(1 / 3.0);
        assertThat(result.examples()).hasSize(3);
        assertThat(result.examples().get(1).expected()).containsExactly(1, 2);
        assertThat(result.examples().get(1).decoded()).containsExactly(1, 2, 3, 4);
    }

    @Test
    void theExamplesShowTheSourceWithoutItsPadding() {
        Model model = successor();
        String input = model.inputShapes().keySet().iterator().next();
        // sources 2 1 then padding (4), and one of full length; the model ignores them
        Dataset data = Dataset.builder().input(input, new float[] {2, 1, 4, 4, 4, 1, 2, 3, 2, 1}, Shape.of(5))
                .classes(new float[] {1, 2, 5, -100, -100, 1, 2, 3, 5, -100}, Shape.of(5), 6).build();

        List<GreedyDecoder.Example> padded = new GreedyDecoder(model, new GreedyDecoder.Settings(input, 0, 5, 4))
                .evaluate(data, 2).examples();
        List<GreedyDecoder.Example> unknown = new GreedyDecoder(model, new GreedyDecoder.Settings(input, 0, 5))
                .evaluate(data, 2).examples();

        assertThat(padded.get(0).source()).containsExactly(2, 1);
        assertThat(padded.get(1).source()).containsExactly(1, 2, 3, 2, 1);
        assertThat(unknown.get(0).source()).containsExactly(2, 1, 4, 4, 4);
    }

    @Test
    void settingsComeFromTheModelInfoOrSayWhatIsMissing() {
        assertThat(GreedyDecoder.Settings.fromInfo(Map.of("decoder_input", "d", "start", 10, "end", 11)))
                .isEqualTo(new GreedyDecoder.Settings("d", 10, 11, GreedyDecoder.Settings.NO_PAD));
        assertThat(GreedyDecoder.Settings.fromInfo(Map.of("decoder_input", "d", "start", 10, "end", 11, "pad", 12)))
                .isEqualTo(new GreedyDecoder.Settings("d", 10, 11, 12));
        assertThatThrownBy(() -> GreedyDecoder.Settings.fromInfo(null)).hasMessageContaining("no decoding settings");
        assertThatThrownBy(() -> new GreedyDecoder(successor(), new GreedyDecoder.Settings("target", 0, 5)))
                .hasMessageContaining("needs a model input 'target' of token ids [time]");
    }
}
