package org.neurite.launcher.run;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.neurite.engine.registry.Components;
import org.neurite.launcher.config.RunConfig;

/**
 * What the {@link TrainingRun} tests share: a short run over three blobs, config files written
 * into the test's folder, a run that prints into memory, and copies of finished run folders cut
 * short as if killed.
 */
abstract class TrainingRunFixture {

    static final Components COMPONENTS = Components.builtIns();

    /** Three separable blobs; Adam with a cosine schedule and clipping, minibatches that are shuffled. */
    static final String BLOBS = """
            name: blobs
            seed: 5
            data:
              train: {format: synthetic, name: blobs, samples: 48, classes: 3}
              validation: {split: 0.25}
              test: {format: synthetic, name: blobs, samples: 30, classes: 3}
            model:
              input: [2]
              layers:
                - {type: dense, units: 8, activation: tanh}
                - {type: dense, units: 3}
            loss: cross_entropy
            optimizer: {name: adam, lr: 0.05, schedule: {type: cosine, warmup_steps: 2}, clip_norm: 5.0}
            training: {epochs: 4, batch_size: 8, checkpoint_every: 1}
            """;

    /** The blobs as images [1, 1, 2] (two pixels side by side), flipped and shifted in training. */
    static final String AUGMENTED_BLOBS = BLOBS.replace("input: [2]", "input: [1, 1, 2]")
            .replace("layers:\n", "layers:\n    - {type: flatten}\n")
            .replace("checkpoint_every: 1}", "checkpoint_every: 1,\n"
                    + "  augment: {random_crop: {padding: 1}, horizontal_flip: {probability: 0.5}}}");

    @TempDir
    Path dir;

    final StringWriter printed = new StringWriter();

    RunConfig config(String text, String... overrides) throws IOException {
        Path file = dir.resolve("run.yaml");
        Files.writeString(file, text);
        return RunConfig.load(file, List.of(overrides), COMPONENTS);
    }

    TrainingRun run() {
        return new TrainingRun(COMPONENTS, new PrintWriter(printed, true), false);
    }

    /** A copy of a finished 4-epoch run as if killed after epoch 2: later checkpoints and the model never written. */
    RunFolder interruptedAfterEpoch2(RunFolder whole) throws IOException {
        Path copy = dir.resolve("b").resolve(whole.dir().getFileName());
        copyTree(whole.dir(), copy);
        for (String name : List.of("epoch-003", "epoch-004")) {
            for (String part : List.of(".weights.safetensors", ".optimizer.safetensors", ".state.json")) {
                Files.delete(copy.resolve("checkpoints").resolve(name + part));
            }
        }
        Files.delete(copy.resolve("model.json"));
        Files.delete(copy.resolve("model.safetensors"));
        return RunFolder.of(copy);
    }

    static List<String> withoutSeconds(List<String> lines) {
        return lines.stream().map(l -> {
            String[] f = l.split(",", -1);
            f[5] = "";
            return String.join(",", f);
        }).toList();
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
