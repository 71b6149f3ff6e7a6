package org.neurite.engine.data.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.api.DataSource;
import org.neurite.api.OptionException;
import org.neurite.api.Options;
import org.neurite.api.SampleSet;
import org.neurite.api.Shape;
import org.neurite.engine.io.FileFormatException;

class SequencesSourceTest {

    static Path resources() throws URISyntaxException {
        return Path.of(SequencesSourceTest.class.getResource("tagged.jsonl").toURI()).getParent();
    }

    private static DataSource sequences(Path folder, Map<String, ?> options) {
        return new SequencesSourceProvider().create(Options.of("data.train", options), new FolderContext(folder, 0));
    }

    @Test
    void readsJsonLinesWithALabelPerStepPaddedWithAMask() throws Exception {
        SampleSet s = sequences(resources(), Map.of("path", "tagged.jsonl", "labels", "step", "vocabulary", 65)).read();

        assertThat(s.size()).isEqualTo(6);
        assertThat(s.inputs().keySet()).containsExactly("tokens", "mask");
        assertThat(s.inputs().get("tokens").shape()).isEqualTo(Shape.of(40));
        assertThat(s.targets().shape()).isEqualTo(Shape.of(40));
        assertThat(s.classes()).isEqualTo(2);
        // the second line, "Speak, speak.", has 13 steps: then zeros, mask 0, targets -100
        float[] tokens = row(s.inputs().get("tokens"), 1);
        float[] mask = row(s.inputs().get("mask"), 1);
        float[] targets = row(s.targets(), 1);
        assertThat(Arrays.copyOf(tokens, 14)).containsExactly(31, 54, 43, 39, 49, 6, 1, 57, 54, 43, 39, 49, 8, 0);
        assertThat(mask[12]).isEqualTo(1f);
        assertThat(mask[13]).isEqualTo(0f);
        assertThat(targets[0]).isEqualTo(1f);
        assertThat(targets[7]).isEqualTo(1f);
        assertThat(Arrays.copyOfRange(targets, 13, 40)).containsOnly(-100f);
    }

    @Test
    void readsCsvWithALabelPerSequenceToAGivenLength() throws Exception {
        SampleSet s = sequences(resources(), Map.of("path", "first-lines.csv", "length", 32)).read();

        assertThat(s.size()).isEqualTo(8);
        assertThat(s.targets().shape()).isEqualTo(Shape.scalar());
        assertThat(s.targets().values()).containsExactly(1, 0, 1, 0, 1, 0, 1, 0);
        assertThat(s.classes()).isZero();
        float[] mask = row(s.inputs().get("mask"), 1);
        // "Speak, speak." again: 13 real steps of 32
        assertThat(sum(mask)).isEqualTo(13);
    }

    @Test
    void readsFeatureSequences(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("f.jsonl"), "{\"steps\": [[1, 2], [3, 4]], \"label\": 0.5}\n"
                + "{\"steps\": [[5, 6]], \"label\": -1}\n\n");
        SampleSet s = sequences(dir, Map.of("path", "f.jsonl", "features", 2)).read();

        assertThat(s.inputs().get("features").shape()).isEqualTo(Shape.of(2, 2));
        assertThat(s.inputs().get("features").values()).containsExactly(1, 2, 3, 4, 5, 6, 0, 0);
        assertThat(s.inputs().get("mask").values()).containsExactly(1, 1, 1, 0);
        assertThat(s.targets().values()).containsExactly(0.5f, -1f);
        assertThat(s.paddingMask()).hasValue("mask");
    }

    @Test
    void padsPerBatchUnlessALengthIsGiven() throws Exception {
        assertThat(sequences(resources(), Map.of("path", "tagged.jsonl", "labels", "step")).read().paddingMask())
                .hasValue("mask");
        assertThat(sequences(resources(), Map.of("path", "first-lines.csv", "length", 32)).read().paddingMask())
                .isEmpty();
    }

    @Test
    void readsValuesPerStepAsRegressionTargetsIgnoredAtPadding(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("v.jsonl"), "{\"steps\": [[1], [2], [3]], \"label\": [[0.5, 1], [1, 2], [1.5, 3]]}\n"
                + "{\"steps\": [[4]], \"label\": [[2, 4]]}\n");
        SampleSet s = sequences(dir, Map.of("path", "v.jsonl", "features", 1, "labels", "step_values")).read();

        assertThat(s.targets().shape()).isEqualTo(Shape.of(3, 2));
        assertThat(s.classes()).isZero();
        assertThat(Arrays.copyOf(s.targets().values(), 8)).containsExactly(0.5f, 1, 1, 2, 1.5f, 3, 2, 4);
        assertThat(Arrays.copyOfRange(s.targets().values(), 8, 12)).containsOnly(Float.NaN);

        expect(dir, "w.jsonl", "{\"steps\": [1, 2], \"label\": [[1, 2], [3]]}\n", Map.of("labels", "step_values"),
                "line 1: label 2 has 1 values, expected 2 as the first step has");
    }

    @Test
    void namesTheLineOfRaggedAndEmptyRowsAndOfTokensOutsideTheVocabulary(@TempDir Path dir) throws IOException {
        expect(dir, "a.jsonl", "{\"steps\": [[1, 2], [3]], \"label\": 0}\n", Map.of("features", 2),
                "line 1: step 2 has 1 values, expected 2 (features)");
        expect(dir, "b.jsonl", "{\"steps\": [1], \"label\": 0}\n{\"steps\": [], \"label\": 1}\n", Map.of(),
                "line 2: the sequence has no steps");
        expect(dir, "c.csv", "1,4,5\n\n0,3\n", Map.of(), "line 2: empty row; expected a sequence");
        expect(dir, "d.csv", "1,4,5\n0\n", Map.of(), "line 2: the sequence has no steps (only a label)");
        expect(dir, "e.csv", "1,4,5,6\n", Map.of("features", 2), "line 1: 3 values do not make whole steps of 2 features");
        expect(dir, "f.jsonl", "{\"steps\": [1, 2], \"label\": [0]}\n", Map.of("labels", "step"),
                "line 1: expected \"label\" to be a list of 2 labels, one per step, found 1");
        expect(dir, "g.csv", "1,4,65\n", Map.of("vocabulary", 65),
                "line 1, step 2: token id 65 is outside the vocabulary of 65 (ids 0 to 64)");
        expect(dir, "h.csv", "1,4,2.5\n", Map.of(), "line 1, step 2: token id 2.5 is not a whole number from 0");
        expect(dir, "i.jsonl", "{\"steps\": [1, 2], \"label\": 0\n", Map.of(),
                "line 1, column 29: expected ',' or '}' in an object, found the end of the text");
        expect(dir, "j.csv", "1,4,5,6\n0,1\n", Map.of("length", 2),
                "line 1: the sequence has 3 steps, more than the length 2 (option length)");
        assertThatThrownBy(() -> sequences(dir, Map.of("path", "g.csv", "labels", "step")))
                .isInstanceOf(OptionException.class)
                .hasMessage("data.train.labels: labels per step need JSON lines (a file ending .jsonl), not CSV: g.csv");
    }

    private static void expect(Path dir, String name, String content, Map<String, ?> options, String message)
            throws IOException {
        Files.writeString(dir.resolve(name), content);
        Map<String, Object> all = new java.util.HashMap<>(options);
        all.put("path", name);
        assertThatThrownBy(() -> sequences(dir, all).read())
                .isInstanceOf(FileFormatException.class)
                .hasMessageStartingWith(dir.resolve(name) + ": " + message);
    }

    static float[] row(SampleSet.Column column, int i) {
        int n = column.shape().intSize();
        return Arrays.copyOfRange(column.values(), i * n, (i + 1) * n);
    }

    private static float sum(float[] values) {
        float s = 0;
        for (float v : values) {
            s += v;
        }
        return s;
    }
}
