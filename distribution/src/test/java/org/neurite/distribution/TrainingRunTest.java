package org.neurite.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * One short training run through bin/neurite, then what a person does with its results: evaluate
 * and predict with the saved model, resume an interrupted run, and get a clear message for a
 * damaged model file.
 */
@Disabled("until the launcher's train and plugins commands land in main")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrainingRunTest {

    private final Distribution distribution = Distribution.assembled();

    @TempDir
    static Path temp;

    private Path config;
    private CommandResult training;
    private Path run;

    @BeforeAll
    void trainOnce() {
        config = RunConfigs.write(temp.resolve("configs"), "blobs.yaml", RunConfigs.BLOBS);
        training = distribution.run(temp, "train", config.toString(), "--out", temp.resolve("runs").toString());
        assertThat(training.exitCode()).as(training.toString()).isZero();
        run = RunConfigs.onlyRunFolder(temp.resolve("runs"));
    }

    @Test
    void trainingFillsTheRunFolder() throws IOException {
        assertThat(run.getFileName().toString()).startsWith("blobs-");
        assertThat(run.resolve("config.yaml")).isRegularFile();
        assertThat(run.resolve("model.json")).isRegularFile();
        assertThat(run.resolve("train.log")).isRegularFile();
        assertThat(run.resolve("learning-curves.png")).isRegularFile();
        assertThat(Files.readAllBytes(run.resolve("learning-curves.png"))).startsWith(0x89, 'P', 'N', 'G');
        List<String> metrics = Files.readAllLines(run.resolve("metrics.csv"));
        assertThat(metrics).hasSize(1 + 3);
        assertThat(metrics.get(0)).contains("epoch", "loss", "accuracy", "seconds");
        assertThat(run.resolve("checkpoints")).isDirectoryContaining("glob:**/epoch-003.state.json");
        // Plain lines, not a progress bar: the output is not a terminal.
        assertThat(training.stdout()).doesNotContain("\r");
    }
}
