package org.neurite.plugins.transformer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.neurite.api.DataContext;
import org.neurite.api.OptionException;
import org.neurite.api.Options;
import org.neurite.api.SampleSet;
import org.neurite.api.Shape;

class DigitStringsSourceTest {

    private static final DataContext SEED_5 = new DataContext() {
        @Override
        public Path file(Options options, String key) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Path folder(Options options, String key) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long seed() {
            return 5;
        }
    };

    private static SampleSet read(Map<String, ?> options) throws java.io.IOException {
        return new DigitStringsSource.Provider().create(Options.of("data.train", options), SEED_5).read();
    }

    @Test
    void eachSampleIsTheDigitsTheirMaskTheTeacherForcedAnswerAndItsTargets() throws Exception {
        SampleSet s = read(Map.of("samples", 200, "max_length", 6));

        assertThat(s.inputs().keySet()).containsExactly("source", "source_mask", "decoder_input");
        assertThat(s.inputs().get("source").shape()).isEqualTo(Shape.of(6));
        assertThat(s.inputs().get("decoder_input").shape()).isEqualTo(Shape.of(7));
        assertThat(s.targets().shape()).isEqualTo(Shape.of(7));
        assertThat(s.classes()).isEqualTo(13);
        assertThat(s.info()).containsEntry("decoding", Map.of("decoder_input", "decoder_input", "start", 10, "end", 11,
                "pad", 12));
        Set<Integer> lengths = new HashSet<>();
        for (int i = 0; i < s.size(); i++) {
            float[] source = row(s.inputs().get("source"), i);
            float[] mask = row(s.inputs().get("source_mask"), i);
            float[] decoder = row(s.inputs().get("decoder_input"), i);
            float[] targets = row(s.targets(), i);
            int length = 0;
            while (length < 6 && mask[length] == 1) {
                length++;
            }
            lengths.add(length);
            assertThat(decoder[0]).isEqualTo(10f);
            for (int k = 0; k < 6; k++) {
                if (k < length) {
                    assertThat(source[k]).isBetween(0f, 9f);
                    assertThat(targets[k]).isEqualTo(source[length - 1 - k]);
                    assertThat(decoder[k + 1]).isEqualTo(targets[k]);
                } else {
                    assertThat(mask[k]).isZero();
                    assertThat(source[k]).isEqualTo(12f);
                }
            }
            assertThat(targets[length]).isEqualTo(11f);
            for (int k = length + 1; k < 7; k++) {
                assertThat(targets[k]).isEqualTo(-100f);
                assertThat(decoder[k]).isEqualTo(12f);
            }
        }
        assertThat(lengths).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6);
    }

    @Test
    void testStringsAreNeverTrainingStringsAndTheRunSeedIsTheDefault() throws Exception {
        SampleSet train = read(Map.of("samples", 3000, "max_length", 3));
        SampleSet test = read(Map.of("samples", 300, "max_length", 3, "part", "test", "seed", 9));

        Set<String> trainStrings = strings(train);
        Set<String> testStrings = strings(test);
        assertThat(testStrings).isNotEmpty().doesNotContainAnyElementsOf(trainStrings);
        assertThat(row(read(Map.of("samples", 3000, "max_length", 3)).inputs().get("source"), 17))
                .containsExactly(row(train.inputs().get("source"), 17));
    }

    @Test
    void sortsOnRequestAndRefusesBadLengths() throws Exception {
        SampleSet s = read(Map.of("samples", 1, "min_length", 5, "max_length", 5, "task", "sort"));
        float[] targets = row(s.targets(), 0);
        for (int k = 1; k < 5; k++) {
            assertThat(targets[k]).isGreaterThanOrEqualTo(targets[k - 1]);
        }

        assertThatThrownBy(() -> read(Map.of("samples", 1, "min_length", 4, "max_length", 3)))
                .isInstanceOf(OptionException.class).hasMessageContaining("data.train.min_length")
                .hasMessageContaining("must not exceed max_length (3), got 4");
        assertThatThrownBy(() -> read(Map.of("samples", 1, "task", "shuffle")))
                .isInstanceOf(OptionException.class).hasMessageContaining("data.train.task");
    }

    private static Set<String> strings(SampleSet s) {
        Set<String> out = new HashSet<>();
        for (int i = 0; i < s.size(); i++) {
            float[] source = row(s.inputs().get("source"), i);
            float[] mask = row(s.inputs().get("source_mask"), i);
            StringBuilder b = new StringBuilder();
            for (int k = 0; k < source.length && mask[k] == 1; k++) {
                b.append((int) source[k]);
            }
            out.add(b.toString());
        }
        return out;
    }

    private static float[] row(SampleSet.Column column, int i) {
        int n = column.shape().intSize();
        return java.util.Arrays.copyOfRange(column.values(), i * n, (i + 1) * n);
    }
}
