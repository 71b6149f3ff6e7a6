package org.neurite.launcher.run.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.neurite.api.SampleSet;
import org.neurite.api.Shape;
import org.neurite.engine.data.Dataset;
import org.neurite.engine.nn.Sequential;
import org.neurite.launcher.config.ConfigException;

/** Samples with a class per step meet a model that scores every step; what does not fit is named. */
class DataFitTest {

    private static final Sequential TAGGER = Sequential.builder(Shape.of(4)).seed(0)
            .add("embedding", Map.of("vocabulary", 3, "dim", 2)).add("dense", Map.of("units", 3)).build();

    private static SampleSet steps(float[] tokens, float[] labels, int length) {
        // Ordered: the first input is the one a one-input model takes (Map.of's order changes from run to run).
        Map<String, SampleSet.Column> inputs = new LinkedHashMap<>();
        inputs.put("tokens", new SampleSet.Column(tokens, Shape.of(length)));
        inputs.put("mask", new SampleSet.Column(new float[tokens.length], Shape.of(length)));
        return SampleSet.of("tags.jsonl", inputs,
                new SampleSet.Column(labels, Shape.of(length)), 3, Map.of());
    }

    @Test
    void classesPerStepFitAModelScoringEveryStep() {
        Dataset d = DataFit.fit(steps(new float[] {0, 1, 2, 0}, new float[] {1, 2, 0, -100}, 4), TAGGER, "c.yaml:3",
                "data.train");

        assertThat(d.hasStepTargets()).isTrue();
        assertThat(d.numClasses()).hasValue(3);
        assertThat(d.inputNames()).containsExactly("input");
        assertThat(d.target(0)).containsExactly(1, 2, 0, -100);
    }

    @Test
    void namesStepsThatDoNotFitTheModelAndTokensOutsideItsEmbedding() {
        assertThatThrownBy(() -> DataFit.fit(steps(new float[5], new float[5], 5), TAGGER, "c.yaml:3", "data.train"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("c.yaml:3: data.train: input 'tokens' of shape [5] (5 values) from tags.jsonl do not fit"
                        + " model.input [4] (4 values)");
        assertThatThrownBy(() -> DataFit.fit(steps(new float[4], new float[] {0, 3, 0, 0}, 4), TAGGER, "c.yaml:3",
                "data.train"))
                .hasMessage("c.yaml:3: data.train: label 3 of sample 0 at step 1 in tags.jsonl is not a class of the"
                        + " model, whose 3 outputs are classes 0 to 2");
        assertThatThrownBy(() -> DataFit.fit(steps(new float[] {0, 1, 7, 0}, new float[4], 4), TAGGER, "c.yaml:3",
                "data.train"))
                .hasMessage("c.yaml:3: data.train: token id 7 of sample 0 at step 2 in tags.jsonl is outside the"
                        + " vocabulary of model.layers[0] (embedding, vocabulary 3)");
        Sequential oneScore = Sequential.builder(Shape.of(4)).seed(0).add("dense", Map.of("units", 2)).build();
        assertThatThrownBy(() -> DataFit.fit(steps(new float[4], new float[4], 4), oneScore, "c.yaml:3", "data.train"))
                .hasMessage("c.yaml:3: data.train: tags.jsonl has a class per step [4], so the model's output must be"
                        + " [4, classes], not [2]");
    }

    @Test
    void sequencesPaddedPerBatchArePaddedToTheModelsLengthAndCutToEachBatchsLongest() {
        // two sequences of 2 and 1 steps, padded to 2 as read; the tagger takes up to 4 steps
        Map<String, SampleSet.Column> inputs = new LinkedHashMap<>();
        inputs.put("tokens", new SampleSet.Column(new float[] {1, 2, 2, 0}, Shape.of(2)));
        inputs.put("mask", new SampleSet.Column(new float[] {1, 1, 1, 0}, Shape.of(2)));
        SampleSet samples = SampleSet.of("tags.jsonl", inputs, new SampleSet.Column(new float[] {0, 1, 2, -100},
                Shape.of(2)), 3, Map.of()).paddedPerBatch("mask");

        Dataset d = DataFit.fit(samples, TAGGER, "c.yaml:3", "data.train");

        assertThat(d.paddedSteps()).isEqualTo(4);
        assertThat(d.features(1)).containsExactly(2, 0, 0, 0);
        assertThat(d.target(1)).containsExactly(2, -100, -100, -100);
        java.util.List<org.neurite.engine.data.Batch> batches = new java.util.ArrayList<>();
        org.neurite.engine.data.DataLoader.of(d, org.neurite.engine.CpuBackend.instance()).batchSize(1).build()
                .forEach(batches::add);
        assertThat(batches.get(0).features().shape()).isEqualTo(Shape.of(1, 2));
        assertThat(batches.get(1).features().shape()).isEqualTo(Shape.of(1, 1));
        assertThat(batches.get(1).targets().toArray()).containsExactly(2f);
    }

    @Test
    void imagesWithAnotherChannelCountThanTheModelsAreNamed() {
        Sequential grey = Sequential.builder(Shape.of(1, 4, 12)).seed(0).add("flatten", Map.of())
                .add("dense", Map.of("units", 2)).build();
        SampleSet rgb = SampleSet.of("images/train", Map.of("input", new SampleSet.Column(new float[2 * 48],
                Shape.of(3, 4, 4))), new SampleSet.Column(new float[] {0, 1}, Shape.scalar()), 2, Map.of());

        assertThatThrownBy(() -> DataFit.fit(rgb, grey, "c.yaml:3", "data.train"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("c.yaml:3: data.train: samples of shape [3, 4, 4] from images/train have 3 channels, but"
                        + " model.input [1, 4, 12] takes 1");
    }
}
