package org.neurite.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad text, sequence and image data is refused before training, in one line naming the file and the
 * place in it (exit 1, the data cannot be read) or the config key (exit 2, the config does not
 * fit the data, such as an image folder without classes, a file in it that is not an image under
 * {@code on_error: stop}, or images of mixed sizes without {@code size}); no run folder is made.
 */
class DataErrorTest {

    private static final String TEXT_CONFIG = """
            data:
              train: {format: text, path: %s, window: %d}
            model:
              input: [%d]
              layers:
                - {type: embedding, vocabulary: %d, dim: 4}
                - {type: dense, units: %d}
            loss: cross_entropy
            optimizer: adam
            training: {epochs: 1}
            """;

    private final Distribution distribution = Distribution.assembled();

    @TempDir
    Path temp;

    @Test
    void aTextThatIsNotUtf8IsNamedWithItsByteOffset() throws IOException {
        Files.write(temp.resolve("latin1.txt"), new byte[] {'c', 'a', 'f', (byte) 0xE9, ' ', 'o', 'k'});

        CommandResult result = train(text("latin1.txt", 2, 4));

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(oneLine(result)).isEqualTo("neurite train: " + temp.resolve("latin1.txt")
                + ": byte 3: not UTF-8 text: the bytes 0xE9 are no UTF-8 character");
    }

    @Test
    void anEmptyTextIsRefused() throws IOException {
        Files.writeString(temp.resolve("empty.txt"), "");

        CommandResult result = train(text("empty.txt", 2, 4));

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(oneLine(result)).isEqualTo("neurite train: " + temp.resolve("empty.txt") + ": byte 0: the file holds no text");
    }

    @Test
    void windowsLongerThanTheTextAreAConfigErrorAtTheirLine() throws IOException {
        Files.writeString(temp.resolve("short.txt"), "to be or not");

        CommandResult result = train(text("short.txt", 32, 10));

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(oneLine(result)).isEqualTo(temp.resolve("run.yaml") + ":2: data.train.window: windows of 32 characters"
                + " need 33 characters (the last target is the next one), but " + temp.resolve("short.txt") + " has 12");
    }

    @Test
    void tokenIdsOutsideTheEmbeddingsVocabularyAreAConfigError() throws IOException {
        Files.writeString(temp.resolve("abc.txt"), "abcabcabcabc");

        // three characters, but the embedding has rows for two
        CommandResult result = train(String.format(TEXT_CONFIG, "abc.txt", 4, 4, 2, 3));

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(oneLine(result)).isEqualTo(temp.resolve("run.yaml") + ":2: data.train: token id 2 of sample 0 at step 2"
                + " in " + temp.resolve("abc.txt") + " is outside the vocabulary of model.layers[0] (embedding, vocabulary 2)");
    }

    @Test
    void aGivenVocabularyWithoutACharacterOfTheTextIsAConfigErrorAtItsKey() throws IOException {
        Files.writeString(temp.resolve("abc.txt"), "abcabcabcabc");
        Files.writeString(temp.resolve("ab.json"), "[\"a\", \"b\"]");

        CommandResult result = train("""
                data:
                  train: {format: text, path: abc.txt, window: 4, vocabulary: ab.json}
                model:
                  input: [4]
                  layers: [{type: embedding, vocabulary: 2, dim: 4}, {type: dense, units: 2}]
                loss: cross_entropy
                optimizer: adam
                """);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(oneLine(result)).isEqualTo(temp.resolve("run.yaml") + ":2: data.train.vocabulary: "
                + temp.resolve("ab.json") + " lacks \"c\" (U+0063), character 2 of " + temp.resolve("abc.txt"));
    }

    @Test
    void sequenceFilesWithRaggedOrEmptyRowsOrUnknownTokensNameTheLine() throws IOException {
        expectLine("ragged.jsonl", "{\"steps\": [[1, 2], [3, 4]], \"label\": 0}\n{\"steps\": [[1, 2], [3]], \"label\": 1}\n",
                "features: 2", "line 2: step 2 has 1 values, expected 2 (features)");
        expectLine("empty.jsonl", "{\"steps\": [1, 2], \"label\": 0}\n{\"steps\": [], \"label\": 1}\n", "vocabulary: 5",
                "line 2: the sequence has no steps");
        expectLine("tokens.csv", "0,1,2\n1,2,9\n", "vocabulary: 5",
                "line 2, step 2: token id 9 is outside the vocabulary of 5 (ids 0 to 4)");
    }

    @Test
    void anImageFolderWithoutClassSubfoldersIsAConfigErrorAtItsPath() throws IOException {
        Files.createDirectories(temp.resolve("images"));
        Files.writeString(temp.resolve("images").resolve("notes.txt"), "no class folders here");

        CommandResult result = train("""
                data: {train: {format: image_folder, path: images, channels: 1}}
                model: {input: [1, 4, 4], layers: [{type: flatten}, {type: dense, units: 2}]}
                loss: cross_entropy
                optimizer: adam
                """);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(oneLine(result)).isEqualTo(temp.resolve("run.yaml") + ":1: data.train.path: " + temp.resolve("images")
                + " has no class subfolders (expected one folder of images per class)");
    }

    @Test
    void anImageFolderNamesTheFileItCannotUseAndSkipsItOnlyWhenAsked() throws IOException {
        Path images = temp.resolve("images");
        for (String kind : new String[] {"circle", "square"}) {
            Files.createDirectories(images.resolve(kind));
            for (int i = 0; i < 3; i++) {
                png(images.resolve(kind).resolve(i + ".png"), 4, 4);
            }
        }
        Files.writeString(images.resolve("square").resolve("notes.txt"), "not an image");
        String config = """
                data: {train: {format: image_folder, path: images, channels: 1%s}}
                model: {input: [1, 4, 4], layers: [{type: flatten}, {type: dense, units: 2}]}
                loss: cross_entropy
                optimizer: adam
                training: {epochs: 1, checkpoint_every: 0}
                """;

        CommandResult stop = train(config.formatted(""));
        Path file = RunConfigs.write(temp, "skip.yaml", config.formatted(", on_error: skip"));
        CommandResult skip = distribution.run(temp, "train", file.toString(), "--out", temp.resolve("skipped").toString());
        Files.delete(images.resolve("square").resolve("notes.txt"));
        png(images.resolve("square").resolve("wide.png"), 4, 6);
        CommandResult mixed = train(config.formatted(""));

        assertThat(stop.exitCode()).as(stop.toString()).isEqualTo(2);
        assertThat(oneLine(stop)).isEqualTo(temp.resolve("run.yaml") + ":1: data.train.path: "
                + images.resolve("square").resolve("notes.txt") + " is not an image ImageIO can read (PNG, JPEG, GIF,"
                + " BMP); remove it or set on_error: skip");
        assertThat(skip.exitCode()).as(skip.toString()).isZero();
        assertThat(oneLine(skip)).isEqualTo("neurite: warning: " + images + ": skipped 1 file that is not a readable"
                + " image: square/notes.txt (on_error: skip)");
        assertThat(mixed.exitCode()).as(mixed.toString()).isEqualTo(2);
        assertThat(oneLine(mixed)).isEqualTo(temp.resolve("run.yaml") + ":1: data.train.size: "
                + images.resolve("square").resolve("wide.png") + " is 4x6 but the images before it are 4x4; set size:"
                + " [height, width] to resize them all");
    }

    private static void png(Path file, int height, int width) throws IOException {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(width, height,
                java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setSample(0, 0, 0, file.getFileName().toString().length() * 20);
        javax.imageio.ImageIO.write(image, "png", file.toFile());
    }

    private void expectLine(String file, String content, String option, String problem) throws IOException {
        Files.writeString(temp.resolve(file), content);
        CommandResult result = train("""
                data:
                  train: {format: sequences, path: %s, %s}
                model:
                  input: [2]
                  layers: [{type: dense, units: 2}]
                loss: cross_entropy
                optimizer: adam
                """.formatted(file, option));

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(oneLine(result)).isEqualTo("neurite train: " + temp.resolve(file) + ": " + problem);
    }

    private static String text(String file, int window, int vocabulary) {
        return String.format(TEXT_CONFIG, file, window, window, vocabulary, vocabulary);
    }

    private CommandResult train(String config) {
        Path file = RunConfigs.write(temp, "run.yaml", config);
        CommandResult result = distribution.run(temp, "train", file.toString(), "--out", temp.resolve("runs").toString());
        assertThat(temp.resolve("runs")).doesNotExist();
        return result;
    }

    /** The error output's one line, without the JVM's notes about incubator modules and kernels. */
    private static String oneLine(CommandResult result) {
        var lines = result.stderr().lines()
                .filter(l -> !l.startsWith("WARNING") && !l.contains("KernelChoice") && !l.startsWith("INFO")).toList();
        assertThat(lines).as(result.toString()).hasSize(1);
        return lines.get(0);
    }
}
