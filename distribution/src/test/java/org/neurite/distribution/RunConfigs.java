package org.neurite.distribution;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Small run configs for the end-to-end tests: synthetic data and tiny models, seconds to train. */
final class RunConfigs {

    /**
     * Two noisy spirals, a 2-8-2 network, three epochs with a checkpoint after each: far from
     * solved, so accuracies are telling, and done in well under a second.
     */
    static final String SPIRALS = """
            name: spirals
            seed: 1
            data:
              train: {format: synthetic, name: spirals, samples: 240, noise: 0.2}
              test: {format: synthetic, name: spirals, samples: 90, noise: 0.2, seed: 7}
            model:
              input: [2]
              layers:
                - {type: dense, units: 8, activation: relu}
                - {type: dense, units: 2}
            loss: cross_entropy
            optimizer: {name: adam, lr: 0.05}
            training: {epochs: 3, batch_size: 16, checkpoint_every: 1}
            """;

    /**
     * A model graph of two inputs, token ids and their padding mask: the embedded tokens are
     * multiplied by the mask, joined to the mask with concat, and a residual dense block (add)
     * classifies them. Three epochs with a checkpoint after each, a second or two.
     */
    static final String MASKED_GRAPH = """
            name: masked
            seed: 1
            data:
              train: {format: synthetic, name: masked_majority, samples: 600, steps: 8}
              test: {format: synthetic, name: masked_majority, samples: 200, steps: 8, seed: 7}
            model:
              inputs:
                tokens: {shape: [8], dtype: int}
                mask: {shape: [8], dtype: bool}
              layers:
                - {name: embed, type: embedding, inputs: [tokens], vocabulary: 4, dim: 4}
                - {name: mask_steps, type: reshape, inputs: [mask], shape: [8, 1]}
                - {name: real, type: multiply, inputs: [embed, mask_steps]}
                - {name: flat, type: flatten}
                - {name: features, type: concat, inputs: [flat, mask]}
                - {name: hidden, type: dense, units: 24, activation: relu}
                - {name: block, type: sequential, layers: [{type: dense, units: 24}, {type: layer_norm}]}
                - {name: residual, type: add, inputs: [hidden, block]}
                - {name: logits, type: dense, units: 2}
              outputs: [logits]
            loss: cross_entropy
            optimizer: {name: adam, lr: 0.01}
            training: {epochs: 3, batch_size: 32, checkpoint_every: 1}
            """;

    private RunConfigs() {
    }

    /**
     * @param folder where to write
     * @param name the file name
     * @param text the config
     * @return the written file
     */
    static Path write(Path folder, String name, String text) {
        try {
            Files.createDirectories(folder);
            return Files.writeString(folder.resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param out the folder given to {@code train --out}
     * @return the one run folder that training created in it
     */
    static Path onlyRunFolder(Path out) {
        try (Stream<Path> runs = Files.list(out)) {
            return runs.filter(Files::isDirectory).reduce((a, b) -> {
                throw new AssertionError("more than one run folder in " + out + ": " + a + ", " + b);
            }).orElseThrow(() -> new AssertionError("no run folder in " + out));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A copy of a finished three-epoch run as a kill during its third epoch leaves it: the third
     * checkpoint and the model file were never written.
     *
     * @param run the finished run folder
     * @param to where the copy goes (must not exist)
     * @return the copy
     */
    static Path interruptedCopy(Path run, Path to) {
        try {
            try (Stream<Path> files = Files.walk(run)) {
                for (Path file : files.toList()) {
                    Files.copy(file, to.resolve(run.relativize(file).toString()));
                }
            }
            try (Stream<Path> third = Files.list(to.resolve("checkpoints"))) {
                for (Path file : third.filter(f -> f.getFileName().toString().startsWith("epoch-003")).toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(to.resolve("model.json"));
            Files.delete(to.resolve("model.safetensors"));
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param text what a command printed
     * @param regex a pattern with one group
     * @return the group of its first match
     */
    static String find(String text, String regex) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(regex).matcher(text);
        org.assertj.core.api.Assertions.assertThat(m.find()).as("'" + regex + "' in:\n" + text).isTrue();
        return m.group(1);
    }
}
