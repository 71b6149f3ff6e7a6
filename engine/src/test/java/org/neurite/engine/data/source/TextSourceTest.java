package org.neurite.engine.data.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.api.DataSource;
import org.neurite.api.OptionException;
import org.neurite.api.Options;
import org.neurite.api.SampleSet;
import org.neurite.api.Shape;
import org.neurite.engine.io.FileFormatException;

class TextSourceTest {

    private static final Path SHAKESPEARE = Path.of(System.getProperty("basedir", "."))
            .resolve("../examples/data/tinyshakespeare/input.txt").normalize();

    static DataSource text(Path folder, Map<String, ?> options) {
        return new TextSourceProvider().create(Options.of("data.train", options), new FolderContext(folder, 0));
    }

    @Test
    void readsTinyShakespeareAsWindowsOfItsSixtyFiveCharacters() throws IOException {
        assertThat(Utf8Text.read(SHAKESPEARE)).hasSize(1_115_394);
        SampleSet s = text(SHAKESPEARE.getParent(), Map.of("path", "input.txt", "window", 64)).read();

        @SuppressWarnings("unchecked")
        List<String> vocabulary = (List<String>) s.info().get("vocabulary");
        assertThat(vocabulary).hasSize(65).startsWith("\n", " ", "!");
        assertThat(s.classes()).isEqualTo(65);
        // 1,115,394 characters: windows of 64 need 65, one every 64
        assertThat(s.size()).isEqualTo((1_115_394 - 65) / 64 + 1);
        assertThat(s.inputs().get("tokens").shape()).isEqualTo(Shape.of(64));
        assertThat(s.targets().shape()).isEqualTo(Shape.of(64));
        Vocabulary v = Vocabulary.ofTokens(vocabulary);
        assertThat(v.decode(ids(s.inputs().get("tokens").values(), 0, 14))).isEqualTo("First Citizen:");
        // the targets are the inputs shifted by one character
        assertThat(v.decode(ids(s.targets().values(), 0, 13))).isEqualTo("irst Citizen:");
        assertThat(s.targets().values()[63]).isEqualTo(s.inputs().get("tokens").values()[64]);
    }

    @Test
    void holdsOutTheEndOfTheTextWithoutOverlap(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("t.txt"), "abcdefghijklmnopqrst");
        SampleSet.Split split = text(dir, Map.of("path", "t.txt", "window", 3)).read(0.25).orElseThrow();

        // 15 characters make 4 windows of 3 (+1); the last 5 make one
        assertThat(split.train().size()).isEqualTo(4);
        assertThat(split.heldOut().size()).isEqualTo(1);
        float[] held = split.heldOut().inputs().get("tokens").values();
        assertThat(held).containsExactly(15, 16, 17);
        assertThat(split.heldOut().targets().values()).containsExactly(16, 17, 18);
        assertThat(split.heldOut().info()).isEqualTo(split.train().info());
    }

    @Test
    void drawsRandomWindowsOfEachPartFromItsOwnStream(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("t.txt"), "abcdefghijklmnopqrst");
        SampleSet.Split split = text(dir, Map.of("path", "t.txt", "window", 3, "random_windows", 50,
                "held_out_windows", 7)).read(0.25).orElseThrow();
        SampleSet.Split fewer = text(dir, Map.of("path", "t.txt", "window", 3, "random_windows", 5,
                "held_out_windows", 7)).read(0.25).orElseThrow();

        assertThat(split.train().size()).isEqualTo(50);
        assertThat(split.heldOut().size()).isEqualTo(7);
        float[] train = split.train().inputs().get("tokens").values();
        float[] targets = split.train().targets().values();
        java.util.Set<Integer> starts = new java.util.TreeSet<>();
        for (int s = 0; s < 50; s++) {
            int start = (int) train[3 * s];
            starts.add(start);
            // a window of consecutive characters whose targets are the next ones, all from the first 15
            assertThat(new float[] {train[3 * s + 1], train[3 * s + 2], targets[3 * s + 2]})
                    .containsExactly(start + 1, start + 2, start + 3);
        }
        // starts as torch.randint(15 - 3 - 1): every one of 0..10 is drawn, none beyond
        assertThat(starts).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        float[] held = split.heldOut().inputs().get("tokens").values();
        for (float id : held) {
            assertThat(id).isBetween(15f, 18f);
        }
        // the held-out windows do not depend on how many training windows are drawn
        assertThat(fewer.heldOut().inputs().get("tokens").values()).containsExactly(held);
        assertThat(fewer.train().inputs().get("tokens").values()).containsExactly(java.util.Arrays.copyOf(train, 15));
    }

    @Test
    void stridesAndAGivenVocabulary(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("t.txt"), "abab");
        Files.writeString(dir.resolve("v.json"), "[\"b\", \"a\", \"c\"]");
        SampleSet s = text(dir, Map.of("path", "t.txt", "window", 2, "stride", 1, "vocabulary", "v.json")).read();

        assertThat(s.size()).isEqualTo(2);
        assertThat(s.classes()).isEqualTo(3);
        assertThat(s.inputs().get("tokens").values()).containsExactly(1, 0, 0, 1);
        assertThat(s.targets().values()).containsExactly(0, 1, 1, 0);
    }

    @Test
    void drawsRandomWindowsFromTheSeedAndHeldOutOnesOfTheirOwn(@TempDir Path dir) throws IOException {
        // 104 distinct characters in code point order: a character's id is its position
        StringBuilder distinct = new StringBuilder();
        for (int i = 0; i < 104; i++) {
            distinct.appendCodePoint(0x100 + i);
        }
        Files.writeString(dir.resolve("t.txt"), distinct);
        Map<String, Object> options = Map.of("path", "t.txt", "window", 5, "random_windows", 300,
                "held_out_windows", 40);
        SampleSet.Split split = text(dir, options).read(0.25).orElseThrow();

        assertThat(split.train().size()).isEqualTo(300);
        assertThat(split.heldOut().size()).isEqualTo(40);
        assertThat(split.train().inputs().get("tokens").values()).containsExactly(
                text(dir, options).read(0.25).orElseThrow().train().inputs().get("tokens").values());
        // as torch.randint(length - window - 1): starts 0..71 in the first 78 characters, 78..97 in the last 26
        java.util.Set<Integer> starts = new java.util.TreeSet<>();
        for (int w = 0; w < 300; w++) {
            starts.add(start(split.train(), w, 5));
        }
        assertThat(starts).hasSize(72).contains(0, 71);
        for (int w = 0; w < 40; w++) {
            assertThat(start(split.heldOut(), w, 5)).isBetween(78, 97);
        }
        SampleSet otherSeed = new TextSourceProvider().create(Options.of("data.train", options),
                new FolderContext(dir, 1)).read();
        assertThat(otherSeed.inputs().get("tokens").values()).isNotEqualTo(
                text(dir, options).read().inputs().get("tokens").values());
    }

    /** Where window {@code w} starts, checking that it is contiguous and its targets are the next characters. */
    private static int start(SampleSet set, int w, int window) {
        float[] in = set.inputs().get("tokens").values();
        float[] target = set.targets().values();
        for (int t = 0; t < window; t++) {
            assertThat(in[w * window + t]).isEqualTo(in[w * window] + t);
            assertThat(target[w * window + t]).isEqualTo(in[w * window + t] + 1);
        }
        return (int) in[w * window];
    }

    @Test
    void laysContiguousWindowsOutAsStreamsThatBatchesContinue(@TempDir Path dir) throws IOException {
        // 21 characters: 3 streams of 2 windows of 3 (each needing one more character for its last target)
        Files.writeString(dir.resolve("t.txt"), "abcdefghijklmnopqrstu");
        SampleSet s = text(dir, Map.of("path", "t.txt", "window", 3, "streams", 3)).read();

        assertThat(s.size()).isEqualTo(6);
        float[] in = s.inputs().get("tokens").values();
        // batch 0 holds the first window of each stream, batch 1 their second: row r goes on where it stopped
        assertThat(in).containsExactly(
                0, 1, 2, 6, 7, 8, 12, 13, 14,
                3, 4, 5, 9, 10, 11, 15, 16, 17);
        assertThat(s.targets().values()[17]).isEqualTo(18);
    }

    @Test
    void refusesTwoLayoutsAtOnceAndStreamsLongerThanTheText(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("t.txt"), "abcdefgh");
        assertThatThrownBy(() -> text(dir, Map.of("path", "t.txt", "window", 3, "stride", 1, "streams", 2)))
                .isInstanceOf(OptionException.class)
                .hasMessageContaining("data.train.streams").hasMessageContaining("give only one of stride");
        assertThatThrownBy(() -> text(dir, Map.of("path", "t.txt", "window", 3, "streams", 4)).read())
                .isInstanceOf(OptionException.class)
                .hasMessageContaining("data.train.streams").hasMessageContaining("4 streams of windows of 3"
                        + " characters need 13 characters");
    }

    @Test
    void namesTheByteOffsetOfTextThatIsNotUtf8(@TempDir Path dir) throws IOException {
        byte[] bytes = "héllo".getBytes(StandardCharsets.UTF_8);
        byte[] bad = new byte[bytes.length + 2];
        System.arraycopy(bytes, 0, bad, 0, bytes.length);
        bad[bytes.length] = 'x';
        bad[bytes.length + 1] = (byte) 0xFF;
        Files.write(dir.resolve("bad.txt"), bad);

        assertThatThrownBy(() -> text(dir, Map.of("path", "bad.txt", "window", 2)).read())
                .isInstanceOf(FileFormatException.class)
                .hasMessage(dir.resolve("bad.txt") + ": byte 7: not UTF-8 text: the bytes 0xFF are no UTF-8 character");
    }

    @Test
    void rejectsAnEmptyTextAndWindowsLongerThanTheText(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("empty.txt"), "");
        Files.writeString(dir.resolve("short.txt"), "to be");

        assertThatThrownBy(() -> text(dir, Map.of("path", "empty.txt", "window", 2)).read())
                .isInstanceOf(FileFormatException.class)
                .hasMessage(dir.resolve("empty.txt") + ": byte 0: the file holds no text");
        assertThatThrownBy(() -> text(dir, Map.of("path", "short.txt", "window", 5)).read())
                .isInstanceOf(OptionException.class)
                .hasMessage("data.train.window: windows of 5 characters need 6 characters (the last target is the"
                        + " next one), but " + dir.resolve("short.txt") + " has 5");
    }

    @Test
    void rejectsCharactersOutsideAGivenVocabularyAndMissingFiles(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("t.txt"), "abz");
        Files.writeString(dir.resolve("v.json"), "[\"a\", \"b\"]");

        assertThatThrownBy(() -> text(dir, Map.of("path", "t.txt", "window", 1, "vocabulary", "v.json")).read())
                .isInstanceOf(OptionException.class)
                .hasMessage("data.train.vocabulary: " + dir.resolve("v.json") + " lacks \"z\" (U+007A), character 2 of "
                        + dir.resolve("t.txt"));
        assertThatThrownBy(() -> text(dir, Map.of("path", "nope.txt", "window", 1)))
                .isInstanceOf(OptionException.class)
                .hasMessage("data.train.path: no such file: " + dir.resolve("nope.txt"));
    }

    private static int[] ids(float[] values, int from, int to) {
        int[] out = new int[to - from];
        for (int i = from; i < to; i++) {
            out[i - from] = (int) values[i];
        }
        return out;
    }
}
