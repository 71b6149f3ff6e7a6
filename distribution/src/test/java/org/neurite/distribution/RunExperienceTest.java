package org.neurite.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The installed command as a person meets it: the config reference and the resolved config,
 * a quiet error output, and every bad input or fatal error as one line with the right exit code
 * (2 for a config, 1 for a run) and no run folder.
 */
class RunExperienceTest {

    private static final String XOR = """
            data: {train: {format: synthetic, name: xor}}
            model: {input: [2], layers: [{type: dense, units: 8, activation: tanh}, {type: dense, units: 2}]}
            loss: cross_entropy
            optimizer: {name: adam, lr: 0.05}
            training: {epochs: 2, batch_size: 0}
            """;

    private final Distribution distribution = Distribution.assembled();

    @TempDir
    Path temp;

    private Path config(String name, String text) throws IOException {
        return Files.writeString(temp.resolve(name), text);
    }

    @Test
    void theReferenceAndTheResolvedConfigComeFromTheSameSpecsAsTheCheck() throws IOException {
        CommandResult reference = distribution.run(temp, "config", "reference");
        CommandResult printed = distribution.run(temp, "train", config("xor.yaml", XOR).toString(), "--print-config");

        assertThat(reference.exitCode()).as(reference.toString()).isZero();
        // the plugins' components are documented too
        assertThat(reference.stdout()).startsWith("# Run config reference").contains("### lstm", "### conv2d");
        assertThat(printed.exitCode()).as(printed.toString()).isZero();
        assertThat(printed.stdout()).contains("  shuffle: true", "  checkpoint_every: 1", "  beta1: 0.9");
        assertThat(temp.resolve("runs")).doesNotExist();
    }

    @Test
    void aNormalRunWritesNothingToTheErrorOutputEvenWhenItIsAFile() throws IOException {
        // the test's error output is a file, as with 2>file: the JVM's incubator notice is dropped there too
        CommandResult run = distribution.run(temp, "train", config("xor.yaml", XOR).toString());
        CommandResult unfiltered = distribution.run(temp, Map.of("NEURITE_STDERR_FILTER", "off"), "version");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdout()).contains("epoch 2/2", "run folder:");
        assertThat(run.stderr()).isEmpty();
        assertThat(unfiltered.exitCode()).as(unfiltered.toString()).isZero();
        assertThat(unfiltered.stderr()).contains("WARNING: Using incubator modules: jdk.incubator.vector");
    }

    @Test
    void theLastLinesOfTheErrorOutputAreCopiedBeforeTheScriptExits() throws IOException {
        CommandResult failed = distribution.run(temp, "train", temp.resolve("missing.yaml").toString());

        assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(2);
        assertThat(failed.stderr()).isEqualTo(temp.resolve("missing.yaml") + ": no such config file"
                + System.lineSeparator());
    }

    @Test
    void sizesTextAndNumbersFromInputAreOneLineErrorsWithTheRightExitCode() throws IOException {
        CommandResult units = distribution.run(temp, "train",
                config("units.yaml", XOR.replace("units: 8", "units: 2000000000")).toString());
        CommandResult samples = distribution.run(temp, "train", config("samples.yaml",
                XOR.replace("name: xor}", "name: spirals, samples: 2000000000}")).toString());
        Path latin1 = temp.resolve("latin1.yaml");
        Files.write(latin1, ("name: caf\u00e9\n" + XOR).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        CommandResult notUtf8 = distribution.run(temp, "train", latin1.toString());
        CommandResult yaml = distribution.run(temp, "train", config("flow.yaml",
                XOR.replace("name: xor}", "name: xor")).toString());
        CommandResult folder = distribution.run(temp, "train", temp.toString());
        Files.writeString(temp.resolve("big.csv"), "a,b,label\n1,2,0\n1e39,3,1\n");
        CommandResult big = distribution.run(temp, "train", config("csv.yaml",
                XOR.replace("{format: synthetic, name: xor}", "{format: csv, path: big.csv}")).toString());

        assertThat(oneLine(units)).isEqualTo(temp.resolve("units.yaml") + ":2: model.layers[0]: parameter [2000000000, 2]"
                + " has 4000000000 elements, more than one array holds (2147483639)");
        assertThat(units.exitCode()).isEqualTo(2);
        assertThat(oneLine(samples)).startsWith(temp.resolve("samples.yaml") + ":1: data.train.samples: a set of"
                + " 2000000000 samples");
        assertThat(samples.exitCode()).isEqualTo(2);
        assertThat(oneLine(notUtf8)).isEqualTo(latin1 + ": byte 9: not UTF-8 text: the bytes 0xE9 are no UTF-8 character");
        assertThat(notUtf8.exitCode()).isEqualTo(2);
        assertThat(oneLine(yaml)).isEqualTo(temp.resolve("flow.yaml") + ":2: not valid YAML at line 2, column 1:"
                + " expected ',' or '}', but got <scalar> (while parsing a flow mapping that starts at line 1, column 7)");
        assertThat(yaml.exitCode()).isEqualTo(2);
        assertThat(oneLine(folder)).isEqualTo(temp + ": is a folder; expected a config file (YAML or JSON)");
        assertThat(folder.exitCode()).isEqualTo(2);
        assertThat(oneLine(big)).isEqualTo("neurite train: " + temp.resolve("big.csv") + ": line 3, column 1 (a):"
                + " expected a number within the float range (about ±3.4e38), found \"1e39\"");
        assertThat(big.exitCode()).isEqualTo(1);
        assertThat(temp.resolve("runs")).doesNotExist();
    }

    @Test
    void aCheckpointOfAnUnfinishedRunIsMeasuredAsTheFinishedRunMeasuresIt() throws IOException {
        // features far from 0 that only a normalisation makes learnable in a few epochs; classes named by the CSV
        StringBuilder csv = new StringBuilder("x,y,kind\n");
        java.util.Random random = new java.util.Random(5);
        for (int i = 0; i < 240; i++) {
            boolean left = i % 2 == 0;
            csv.append(String.format(java.util.Locale.ROOT, "%.3f,%.3f,%s%n", 5000 + (left ? -1 : 1)
                    + random.nextGaussian() * 0.4, 300 + random.nextGaussian(), left ? "left" : "right"));
        }
        Files.writeString(temp.resolve("sides.csv"), csv);
        Path config = config("sides.yaml", """
                name: sides
                data:
                  train: {format: csv, path: sides.csv}
                  test: {format: csv, path: sides.csv}
                  normalize: per_feature
                model: {input: [2], layers: [{type: dense, units: 8, activation: tanh}, {type: dense, units: 2}]}
                loss: cross_entropy
                optimizer: {name: adam, lr: 0.05}
                training: {epochs: 4, batch_size: 16, checkpoint_every: 1}
                """);
        CommandResult trained = distribution.run(temp, "train", config.toString());
        assertThat(trained.exitCode()).as(trained.toString()).isZero();
        Path run = RunConfigs.onlyRunFolder(temp.resolve("runs"));
        CommandResult finished = distribution.run(temp, "evaluate", run.toString(), "--checkpoint", "epoch-003");

        // the state of a run still training (or killed) after its third epoch: no model file yet
        Files.delete(run.resolve("model.json"));
        Files.delete(run.resolve("model.safetensors"));
        CommandResult unfinished = distribution.run(temp, "evaluate", run.toString(), "--checkpoint", "epoch-003");

        assertThat(finished.exitCode()).as(finished.toString()).isZero();
        assertThat(finished.stdout()).containsPattern("left +\\d").containsPattern("right +\\d")
                .containsPattern("accuracy 0\\.9\\d+");
        assertThat(unfinished.exitCode()).as(unfinished.toString()).isZero();
        assertThat(unfinished.stdout()).isEqualTo(finished.stdout());
        assertThat(unfinished.stderr()).isEmpty();
    }

    @Test
    void runningOutOfMemoryIsOneLineAndExitCode1WithTheStackOnlyUnderDebug() throws IOException {
        // passes the check of the least memory needed, then needs more than a 200 MiB heap
        Path config = config("oom.yaml", """
                data: {train: {format: synthetic, name: blobs, samples: 64}}
                model: {input: [2], layers: [{type: dense, units: 2000000}, {type: dense, units: 2}]}
                loss: cross_entropy
                optimizer: adam
                training: {epochs: 1, batch_size: 8, checkpoint_every: 0}
                """);
        Map<String, String> small = Map.of("JAVA_OPTS", "-Xmx200m");

        CommandResult plain = distribution.run(temp, small, "train", config.toString());
        CommandResult debug = distribution.run(temp, small, "--debug", "train", config.toString());

        assertThat(plain.exitCode()).as(plain.toString()).isEqualTo(1);
        assertThat(oneLine(plain)).startsWith("neurite train: out of memory (Java heap space; the heap is ")
                .endsWith("raise the heap with JAVA_OPTS=-Xmx...");
        assertThat(debug.exitCode()).isEqualTo(1);
        assertThat(debug.stderr()).contains("java.lang.OutOfMemoryError", "\tat ");
    }

    /** The error output's one line, without the JVM's notice about the incubating module. */
    private static String oneLine(CommandResult r) {
        assertThat(r.stdout()).as(r.toString()).isEmpty();
        var lines = r.stderr().lines().filter(l -> !l.startsWith("WARNING: Using incubator modules")).toList();
        assertThat(lines).as(r.toString()).hasSize(1);
        return lines.get(0);
    }
}
