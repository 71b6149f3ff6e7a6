package org.neurite.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs that are killed or go wrong, through bin/neurite: a run killed with SIGKILL in the middle
 * resumes to bit-identical weights (dropout included), a run killed after its last checkpoint is
 * finished by {@code --resume}, and a loss that explodes while staying finite fails the run.
 */
class RunReliabilityTest {

    /** Dropout draws new masks every step: the resumed run must draw the very same ones. */
    private static final String DROPOUT = """
            name: dropout
            seed: 3
            data:
              train: {format: synthetic, name: spirals, samples: 1600, noise: 0.1}
              test: {format: synthetic, name: spirals, samples: 200, noise: 0.1, seed: 7}
            model:
              input: [2]
              layers:
                - {type: dense, units: 64, activation: relu}
                - {type: dropout, rate: 0.3}
                - {type: dense, units: 2}
            loss: cross_entropy
            optimizer: {name: adam, lr: 0.01}
            training: {epochs: 5, batch_size: 16, checkpoint_every: 1}
            """;

    private final Distribution distribution = Distribution.assembled();

    @TempDir
    Path temp;

    @Test
    void aRunKilledMidwayResumesToBitIdenticalWeights() throws Exception {
        Path config = RunConfigs.write(temp.resolve("configs"), "dropout.yaml", DROPOUT);
        CommandResult whole = distribution.run(temp, "train", config.toString(), "--out", temp.resolve("whole").toString());
        assertThat(whole.exitCode()).as(whole.toString()).isZero();
        Path straight = RunConfigs.onlyRunFolder(temp.resolve("whole"));

        Path killed = killAfterCheckpoint(config, temp.resolve("killed"), 2);
        // what was written before the kill does not lag the checkpoints
        int saved = latestCheckpoint(killed);
        assertThat(saved).isBetween(2, 4);
        assertThat(Files.readAllLines(killed.resolve("metrics.csv")).size()).isGreaterThanOrEqualTo(1 + saved);
        assertThat(Files.readString(killed.resolve("train.log"))).contains("epoch " + saved + "/5");
        assertThat(killed.resolve("model.json")).doesNotExist();

        CommandResult resumed = distribution.run(temp, "train", "--resume", killed.toString());

        assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
        assertThat(Files.readAllBytes(killed.resolve("model.safetensors")))
                .isEqualTo(Files.readAllBytes(straight.resolve("model.safetensors")));
        assertThat(losses(killed)).isEqualTo(losses(straight));
        try (Stream<Path> all = Files.walk(killed)) {
            assertThat(all.map(Path::toString)).noneMatch(p -> p.endsWith(".tmp"));
        }
    }

    @Test
    void aRunKilledAfterItsLastCheckpointIsFinishedByResume() throws IOException {
        Path config = RunConfigs.write(temp.resolve("configs"), "spirals.yaml", RunConfigs.SPIRALS);
        CommandResult trained = distribution.run(temp, "train", config.toString(), "--out", temp.resolve("runs").toString());
        assertThat(trained.exitCode()).as(trained.toString()).isZero();
        Path run = RunConfigs.onlyRunFolder(temp.resolve("runs"));
        byte[] weights = Files.readAllBytes(run.resolve("model.safetensors"));
        // the state a kill between the last checkpoint and the model file leaves
        Files.delete(run.resolve("model.json"));
        Files.delete(run.resolve("model.safetensors"));
        Files.writeString(run.resolve(".model.json.99999.1.tmp"), "{");

        CommandResult before = distribution.run(temp, "evaluate", run.toString());
        CommandResult resumed = distribution.run(temp, "train", "--resume", run.toString());

        assertThat(before.exitCode()).isEqualTo(2);
        assertThat(before.stderr()).contains("the run may not have finished");
        assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
        assertThat(resumed.stdout()).contains("test accuracy").doesNotContain("epoch 3/3");
        assertThat(Files.readAllBytes(run.resolve("model.safetensors"))).isEqualTo(weights);
        assertThat(run.resolve(".model.json.99999.1.tmp")).doesNotExist();
        assertThat(run.resolve("model.json")).isRegularFile();
    }

    @Test
    void aLossThatExplodesWhileFiniteFailsTheRunWithEpochStepAndAHint() {
        Path config = RunConfigs.write(temp.resolve("configs"), "spirals.yaml", RunConfigs.SPIRALS
                .replace("optimizer: {name: adam, lr: 0.05}",
                        "optimizer: {name: sgd, lr: 0.1, schedule: {type: exponential, gamma: 10}}"));

        CommandResult r = distribution.run(temp, "train", config.toString(), "--out", temp.resolve("runs").toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).containsPattern("training diverged: the loss rose to \\S+ at epoch 1, step \\d+"
                + " \\(batch \\d+ of 15\\); its moving average \\S+ is more than 100 times its lowest, \\S+\\."
                + " Try a lower learning rate or gradient clipping\\.")
                .doesNotContain("\tat ");
    }

    /** Starts a run and kills it (SIGKILL, the JVM and its script) once the given epoch's checkpoint exists. */
    private Path killAfterCheckpoint(Path config, Path out, int epoch) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(distribution.script().toString(), "train", config.toString(),
                "--out", out.toString()).directory(temp.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().remove("JAVA_OPTS");
        builder.environment().put("XDG_CACHE_HOME", Distribution.requiredProperty("neurite.cacheHome"));
        Process process = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        Path state = null;
        while (System.nanoTime() < deadline && process.isAlive()) {
            state = findState(out, epoch);
            if (state != null) {
                break;
            }
            Thread.sleep(10);
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        assertThat(state).as("the checkpoint of epoch " + epoch + " appeared while the run was alive").isNotNull();
        return RunConfigs.onlyRunFolder(out);
    }

    private static Path findState(Path out, int epoch) throws IOException {
        if (!Files.isDirectory(out)) {
            return null;
        }
        try (Stream<Path> runs = Files.list(out)) {
            for (Path run : runs.toList()) {
                Path state = run.resolve("checkpoints").resolve(String.format("epoch-%03d.state.json", epoch));
                if (Files.exists(state)) {
                    return state;
                }
            }
        }
        return null;
    }

    private static int latestCheckpoint(Path run) throws IOException {
        try (Stream<Path> files = Files.list(run.resolve("checkpoints"))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.matches("epoch-\\d+\\.state\\.json"))
                    .mapToInt(n -> Integer.parseInt(n.substring(6, 9))).max().orElse(0);
        }
    }

    /** The loss column of metrics.csv, which must match between the interrupted and the straight run. */
    private static List<String> losses(Path run) throws IOException {
        return Files.readAllLines(run.resolve("metrics.csv")).stream().map(l -> l.split(",", -1)[1]).toList();
    }
}
