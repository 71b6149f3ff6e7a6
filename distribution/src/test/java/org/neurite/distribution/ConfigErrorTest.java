package org.neurite.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Configs that cannot run are refused before training, in one line naming where the problem is. */
class ConfigErrorTest {

    private final Distribution distribution = Distribution.assembled();

    @TempDir
    Path temp;

    @Test
    void anUnknownKeyIsAUsageErrorNamingItsPathAndLine() {
        String text = RunConfigs.SPIRALS.replace("training: {epochs: 3,", "training: {epocs: 3,");
        Path config = RunConfigs.write(temp, "typo.yaml", text);
        int line = lineOf(text, "epocs");

        CommandResult result = distribution.run(temp, "train", config.toString(), "--out", temp.resolve("runs").toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr()).contains("typo.yaml:" + line, "training.epocs", "epochs");
        assertThat(result.stderr()).doesNotContain("Exception", "\tat ");
        assertThat(temp.resolve("runs")).doesNotExist();
    }

    @Test
    void aMissingDataFileIsNamedInTheMessage() {
        String text = """
                name: missing
                data:
                  train: {format: csv, path: data/nowhere.csv, label: y}
                model:
                  input: [2]
                  layers: [{type: dense, units: 2}]
                loss: cross_entropy
                optimizer: adam
                """;
        Path config = RunConfigs.write(temp, "missing.yaml", text);

        CommandResult result = distribution.run(temp, "train", config.toString(), "--out", temp.resolve("runs").toString());

        assertThat(result.exitCode()).as(result.toString()).isIn(1, 2);
        assertThat(result.stderr()).contains(temp.resolve("data/nowhere.csv").toString());
        assertThat(result.stderr()).doesNotContain("\tat ");
    }

    private static int lineOf(String text, String word) {
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(word)) {
                return i + 1;
            }
        }
        throw new AssertionError(word + " not in the config");
    }
}
