package org.neurite.distribution;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Small run configs for the end-to-end tests: synthetic data and tiny models, seconds to train. */
final class RunConfigs {

    /** Three Gaussian blobs in two dimensions, a 2-8-3 network, three epochs with a checkpoint after each. */
    static final String BLOBS = """
            name: blobs
            seed: 1
            data:
              train: {format: synthetic, name: blobs, samples: 240, classes: 3, dims: 2, spread: 0.3}
              test: {format: synthetic, name: blobs, samples: 90, classes: 3, dims: 2, spread: 0.3, seed: 7}
            model:
              input: [2]
              layers:
                - {type: dense, units: 8, activation: relu}
                - {type: dense, units: 3}
            loss: cross_entropy
            optimizer: {name: adam, lr: 0.05}
            training: {epochs: 3, batch_size: 16, checkpoint_every: 1}
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
}
