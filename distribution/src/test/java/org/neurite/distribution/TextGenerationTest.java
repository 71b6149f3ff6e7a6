package org.neurite.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code examples/recurrent/shakespeare-lstm.yaml} shortened (the first 20,000 characters of Tiny
 * Shakespeare, a smaller LSTM, one epoch), then {@code neurite generate} from its run folder.
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
                "--set", "model.layers[1].hidden_size=32", "--set", "model.layers[2].units=" + characters);
        assertThat(training.exitCode()).as(training.toString()).isZero();
        assertThat(training.stdout()).contains("val_loss");
        run = RunConfigs.onlyRunFolder(temp.resolve("runs"));
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
