package org.neurite.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code examples/recurrent/shakespeare-lstm.yaml} shortened (the first 20,000 characters of Tiny
 * Shakespeare, a smaller LSTM, 10 steps of random windows), then {@code neurite generate} from its
 * run folder; and the same model made stateful over streams of contiguous windows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TextGenerationTest {

    private final Distribution distribution = Distribution.assembled();

    @TempDir
    static Path temp;

    private Path run;

    @BeforeAll
    void trainATinyCharacterModel() throws IOException {
        String text = Files.readString(distribution.home().resolve("examples/data/tinyshakespeare/input.txt"))
                .substring(0, 20_000);
        Path corpus = Files.writeString(temp.resolve("tiny.txt"), text);
        long characters = text.codePoints().distinct().count();
        CommandResult training = distribution.run(temp, "train",
                distribution.home().resolve("examples/recurrent/shakespeare-lstm.yaml").toString(),
                "--out", temp.resolve("runs").toString(), "--set", "training.epochs=1",
                "--set", "data.train.path=" + corpus, "--set", "model.layers[0].vocabulary=" + characters,
                "--set", "data.train.random_windows=320", "--set", "data.train.held_out_windows=64",
                "--set", "model.layers[1].hidden_size=32", "--set", "model.layers[2].units=" + characters);
        assertThat(training.exitCode()).as(training.toString()).isZero();
        assertThat(training.stdout()).contains("val_loss");
        run = RunConfigs.onlyRunFolder(temp.resolve("runs"));
        assertThat(Files.readString(run.resolve("train.log"))).contains("320 training samples, 64 validation");
    }

    @Test
    void aStatefulModelTrainsOverStreamsOfContiguousWindowsInOrder() throws IOException {
        CommandResult training = stateful("runs-stateful", "--set", "training.shuffle=false");

        assertThat(training.exitCode()).as(training.toString()).isZero();
        assertThat(training.stdout()).contains("val_loss");
        // 18,000 characters: 8 streams of 35 windows of 64
        assertThat(Files.readString(RunConfigs.onlyRunFolder(temp.resolve("runs-stateful")).resolve("train.log")))
                .contains("280 training samples");
    }

    @Test
    void aStatefulModelOverShuffledWindowsIsAConfigErrorSayingWhy() {
        CommandResult result = stateful("runs-shuffled");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr()).contains("model.layers[1].stateful", "carries its state from each batch to the"
                + " next", "training.shuffle is true").doesNotContain("\tat ");
        // one line (besides the JVM's notice of the incubating vector module)
        assertThat(result.stderr().strip().lines().filter(l -> !l.startsWith("WARNING: Using incubator"))).hasSize(1);
        assertThat(temp.resolve("runs-shuffled")).doesNotExist();
    }

    @Test
    void aStatefulModelOverStreamsOtherThanTheBatchIsAConfigError() {
        CommandResult result = stateful("runs-other-streams", "--set", "training.shuffle=false",
                "--set", "training.batch_size=4");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr()).contains("model.layers[1].stateful", "data.train.streams: 4 (the batch size), not 8")
                .doesNotContain("\tat ");
    }

    private CommandResult stateful(String runs, String... more) {
        long characters;
        try {
            characters = Files.readString(temp.resolve("tiny.txt")).codePoints().distinct().count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> args = new ArrayList<>(List.of("train",
                distribution.home().resolve("examples/recurrent/shakespeare-lstm.yaml").toString(),
                "--out", temp.resolve(runs).toString(), "--set", "training.epochs=1", "--set", "training.batch_size=8",
                "--set", "data.train={format: text, path: " + temp.resolve("tiny.txt") + ", window: 64, streams: 8}",
                "--set", "model.layers[0].vocabulary=" + characters, "--set", "model.layers[2].units=" + characters,
                "--set", "model.layers[1]={type: lstm, hidden_size: 16, return_sequences: true, stateful: true}"));
        args.addAll(List.of(more));
        return distribution.run(temp, args.toArray(String[]::new));
    }

    @Test
    void generateContinuesThePromptAndTheSameSeedGivesTheSameText() {
        CommandResult first = generate("--prompt", "ROMEO:", "--length", "60", "--temperature", "0.8", "--seed", "3");
        CommandResult second = generate("--prompt", "ROMEO:", "--length", "60", "--temperature", "0.8", "--seed", "3");

        assertThat(first.exitCode()).as(first.toString()).isZero();
        String text = first.stdout().strip();
        assertThat(text).startsWith("ROMEO:");
        assertThat(text.codePointCount(0, text.length())).isBetween(6 + 1, 6 + 60);
        assertThat(second.stdout()).isEqualTo(first.stdout());
    }

    @Test
    void aPromptCharacterOutsideTheVocabularyIsAUsageErrorNamingIt() {
        CommandResult result = generate("--prompt", "A€", "--length", "5");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr()).contains("--prompt", "\"€\"").doesNotContain("\tat ");
        assertThat(result.stdout()).as("nothing printed before the error").isEmpty();
    }

    @Test
    void aLengthOfZeroPrintsThePromptAlone() {
        CommandResult result = generate("--prompt", "ROMEO:", "--length", "0");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).isEqualTo("ROMEO:" + System.lineSeparator());
    }

    @Test
    void aTemperatureOfZeroIsAUsageError() {
        CommandResult result = generate("--prompt", "A", "--temperature", "0");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr()).contains("--temperature").doesNotContain("\tat ");
    }

    @Test
    void aModelWithoutAVocabularyIsNotACharacterModel() throws IOException {
        Path copy = Files.createDirectories(temp.resolve("no-vocabulary"));
        try (Stream<Path> files = Files.list(run)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        Path model = copy.resolve("model.json");
        Files.writeString(model, Files.readString(model, StandardCharsets.UTF_8)
                .replace("\"vocabulary\": [", "\"characters\": ["), StandardCharsets.UTF_8);

        CommandResult result = distribution.run(temp, "generate", copy.toString(), "--prompt", "A");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr()).contains("not a character-level model").doesNotContain("\tat ");
    }

    private CommandResult generate(String... options) {
        String[] args = new String[options.length + 2];
        args[0] = "generate";
        args[1] = run.toString();
        System.arraycopy(options, 0, args, 2, options.length);
        return distribution.run(temp, args);
    }
}
