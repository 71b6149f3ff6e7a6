package org.neurite.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {

    /** XOR with one hidden layer; line 6 holds the hidden layer. */
    static final String XOR = """
            name: xor
            data: {train: {format: synthetic, name: xor}, test: {format: synthetic, name: xor}}
            model:
              input: [2]
              layers:
                - {type: dense, units: 8, activation: tanh}
                - {type: dense, units: 2}
            loss: cross_entropy
            optimizer: {name: adam, lr: 0.05}
            training: {epochs: 60, batch_size: 0, checkpoint_every: 30}
            """;

    @TempDir
    Path dir;

    private Path write(String text) throws IOException {
        Path file = dir.resolve("xor.yaml");
        Files.writeString(file, text);
        return file;
    }

    private CommandRunner train(String... args) {
        return new CommandRunner(new TrainCommand(), args);
    }

    @Test
    void trainsAndPrintsTheTestAccuracyAndTheRunFolder() throws IOException {
        CommandRunner r = train(write(XOR).toString(), "--out", dir.resolve("runs").toString());

        assertThat(r.exitCode).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("epoch 60/60").contains("test accuracy 1.0000 (4 of 4)")
                .contains("run folder: " + dir.resolve("runs"));
        try (Stream<Path> runs = Files.list(dir.resolve("runs"))) {
            assertThat(runs).singleElement().satisfies(run -> assertThat(run.resolve("model.json")).isRegularFile());
        }
    }

    @Test
    void anUnknownKeyIsAConfigErrorOnOneLine() throws IOException {
        Path file = write(XOR.replace("activation: tanh", "activaton: tanh"));
        CommandRunner r = train(file.toString(), "--out", dir.resolve("runs").toString());

        assertThat(r.exitCode).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).isEqualTo(file + ":6: model.layers[0].activaton: unknown option (did you mean"
                + " 'activation'?); known options: units, use_bias, activation, weight_init, bias_init"
                + System.lineSeparator());
        assertThat(r.out()).isEmpty();
        assertThat(dir.resolve("runs")).doesNotExist();
    }

    @Test
    void aMissingDataFileIsAConfigError() throws IOException {
        Path file = write(XOR.replace("test: {format: synthetic, name: xor}", "test: {format: csv, path: test.csv}"));
        CommandRunner r = train(file.toString());

        assertThat(r.exitCode).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err().trim()).isEqualTo(file + ":2: data.test.path: no such file: " + dir.resolve("test.csv"));
    }

    @Test
    void aWrongOverrideIsAConfigError() throws IOException {
        CommandRunner r = train(write(XOR).toString(), "--set", "training.epochs=many");

        assertThat(r.exitCode).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err().trim()).isEqualTo("--set training.epochs=many: training.epochs: expected a whole number,"
                + " got \"many\"");
    }

    @Test
    void aDivergingRunFailsWithTheTrainersMessage() throws IOException {
        CommandRunner r = train(write(XOR).toString(), "--out", dir.resolve("runs").toString(),
                "--set", "optimizer={name: sgd, lr: 0.1, schedule: {type: exponential, gamma: 1.0e6}}",
                "--set", "training.divergence_factor=0");

        assertThat(r.exitCode).isEqualTo(ExitCodes.RUN_FAILED);
        assertThat(r.err()).containsPattern("^neurite train: training diverged: the loss is (NaN|Infinity) at epoch"
                + " (\\d+), step \\2 \\(batch 1 of 1\\); the last finite loss was ")
                .doesNotContain("\tat ");
    }

    @Test
    void resumeContinuesARunFolderAndRefusesAFinishedOne() throws IOException {
        assertThat(train(write(XOR).toString(), "--out", dir.resolve("runs").toString(),
                "--set", "training.epochs=30").exitCode).isZero();
        Path run;
        try (Stream<Path> runs = Files.list(dir.resolve("runs"))) {
            run = runs.findFirst().orElseThrow();
        }

        CommandRunner finished = train("--resume", run.toString());
        assertThat(finished.exitCode).isEqualTo(ExitCodes.USAGE);
        assertThat(finished.err()).contains("has finished its 30 epochs");

        CommandRunner more = train("--resume", run.toString(), "--set", "training.epochs=40");
        assertThat(more.exitCode).isZero();
        assertThat(more.out()).contains("epoch 31/40").doesNotContain("epoch 30/40").contains("test accuracy");
        assertThat(Files.readAllLines(run.resolve("metrics.csv"))).hasSize(41);
    }

    @Test
    void needsAConfigOrARunToResume() {
        CommandRunner r = train();

        assertThat(r.exitCode).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("give a run config (CONFIG) or --resume RUN_DIR");
    }
}
