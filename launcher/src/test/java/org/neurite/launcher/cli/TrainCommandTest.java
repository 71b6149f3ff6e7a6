package org.neurite.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
    void printConfigShowsEveryDefaultAndRunsNothing() throws IOException {
        CommandRunner r = train(write(XOR).toString(), "--print-config", "--set", "training.epochs=7",
                "--out", dir.resolve("runs").toString());

        assertThat(r.exitCode).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).startsWith("name: xor\nseed: 0\n")
                .contains("    use_bias: true\n")
                .contains("optimizer:\n  name: adam\n  lr: 0.05\n  beta1: 0.9\n")
                .contains("training:\n  epochs: 7\n  batch_size: 0\n  shuffle: true\n  divergence_factor: 100.0\n"
                        + "  checkpoint_every: 30\n")
                // a truth table has four rows whatever a sample count says: only what applies is shown
                .contains("  train:\n    format: synthetic\n    name: xor\n  test:\n")
                .doesNotContain("samples:");
        assertThat(dir.resolve("runs")).doesNotExist();

        // what it prints is a config that checks, and prints the same again
        Path printed = dir.resolve("printed.yaml");
        Files.writeString(printed, r.out());
        CommandRunner again = train(printed.toString(), "--print-config");
        assertThat(again.exitCode).isZero();
        assertThat(again.out()).isEqualTo(r.out());
    }

    @Test
    void anUnknownOptimizerKeyListsEveryKeyTheOptimizerAccepts() throws IOException {
        Path file = write(XOR.replace("lr: 0.05", "lr: 0.05, momentum: 0.9"));
        CommandRunner r = train(file.toString(), "--out", dir.resolve("runs").toString());

        assertThat(r.exitCode).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).isEqualTo(file + ":9: optimizer.momentum: unknown option; known options: lr, beta1,"
                + " beta2, eps, weight_decay, amsgrad, decay, schedule, clip, clip_norm" + System.lineSeparator());
    }

    @Test
    void quietPrintsOnlyTheResultsAndJsonOneObjectPerLine() throws IOException {
        CommandRunner quiet = train(write(XOR).toString(), "--quiet", "--out", dir.resolve("runs").toString());
        CommandRunner json = train(write(XOR).toString(), "--log-format", "json", "--set", "training.epochs=3",
                "--out", dir.resolve("runs").toString());

        assertThat(quiet.exitCode).isZero();
        assertThat(quiet.out().lines().toList()).hasSize(2).satisfies(lines -> {
            assertThat(lines.get(0)).startsWith("test accuracy 1.0000 (4 of 4)");
            assertThat(lines.get(1)).startsWith("run folder: ");
        });
        assertThat(json.exitCode).isZero();
        List<String> lines = json.out().lines().toList();
        assertThat(lines).hasSize(3 + 2);
        assertThat(lines.get(0)).startsWith("{\"event\":\"epoch\",\"epoch\":1,\"loss\":");
        assertThat(lines.get(3)).startsWith("{\"event\":\"test\",\"samples\":4,");
        assertThat(lines.get(4)).startsWith("{\"event\":\"run_folder\",\"path\":");
        for (String line : lines) {
            assertThat(org.neurite.engine.io.Json.read(line)).isInstanceOf(java.util.Map.class);
        }
        try (Stream<Path> runs = Files.list(dir.resolve("runs"))) {
            Path run = runs.sorted().toList().get(0);
            List<String> metrics = Files.readAllLines(run.resolve("metrics.csv"));
            assertThat(metrics.get(metrics.size() - 1)).isEqualTo("test," + metrics.get(metrics.size() - 1)
                    .substring(5, metrics.get(metrics.size() - 1).indexOf(',', 5)) + ",1.00000,,,,");
        }
    }

    @Test
    void jsonReportsTheLossEveryLogEverySteps() throws IOException {
        // full batches: one step per epoch, so steps 2 and 4 of four epochs are reported
        CommandRunner every2 = train(write(XOR).toString(), "--log-format", "json", "--log-every", "2",
                "--set", "training.epochs=4", "--out", dir.resolve("runs").toString());
        CommandRunner negative = train(write(XOR).toString(), "--log-format", "json", "--log-every", "-1",
                "--out", dir.resolve("runs").toString());

        assertThat(every2.exitCode).as(every2.err()).isZero();
        List<String> steps = every2.out().lines().filter(l -> l.startsWith("{\"event\":\"step\"")).toList();
        assertThat(steps).hasSize(2);
        assertThat(steps.get(0)).startsWith("{\"event\":\"step\",\"epoch\":2,\"step\":2,\"loss\":");
        assertThat(steps.get(1)).startsWith("{\"event\":\"step\",\"epoch\":4,\"step\":4,\"loss\":");
        assertThat(negative.exitCode).isEqualTo(ExitCodes.USAGE);
        assertThat(negative.err().trim()).isEqualTo("--log-every: expected 0 (epochs only) or a positive number of"
                + " steps, got -1");
        CommandRunner text = train(write(XOR).toString(), "--log-every", "2", "--out", dir.resolve("runs").toString());
        assertThat(text.exitCode).isEqualTo(ExitCodes.USAGE);
        assertThat(text.err().trim()).isEqualTo("--log-every: sets how often --log-format json reports a step; add"
                + " --log-format json");
    }

    @Test
    void anOutThatIsAFileIsAUsageErrorAndNothingIsWritten() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.txt"), "kept");

        CommandRunner onFile = train(write(XOR).toString(), "--out", file.toString());
        CommandRunner below = train(write(XOR).toString(), "--out", file.resolve("runs").toString());

        assertThat(onFile.exitCode).isEqualTo(ExitCodes.USAGE);
        assertThat(onFile.err().trim()).isEqualTo("--out: not a folder: " + file);
        assertThat(below.exitCode).isEqualTo(ExitCodes.USAGE);
        assertThat(below.err().trim()).isEqualTo("--out: not a folder: " + file);
        assertThat(Files.readString(file)).isEqualTo("kept");
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
        // the header, 40 epochs and the test row of the final model
        assertThat(Files.readAllLines(run.resolve("metrics.csv"))).hasSize(42);
    }

    @Test
    void needsAConfigOrARunToResume() {
        CommandRunner r = train();

        assertThat(r.exitCode).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("give a run config (CONFIG) or --resume RUN_DIR");
    }
}
