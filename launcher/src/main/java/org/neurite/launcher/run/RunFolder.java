package org.neurite.launcher.run;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

import org.neurite.engine.io.AtomicFiles;

/**
 * The folder of one training run, {@code runs/<name>-<timestamp>/}, and the names of what it
 * holds: the resolved config, the metrics, the final model, the checkpoints, the learning
 * curves and the log.
 */
public final class RunFolder {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Path dir;

    private RunFolder(Path dir) {
        this.dir = dir;
    }

    /**
     * Creates the folder of a new run; a second run of the same name in the same second gets
     * {@code -2}, {@code -3}, ... appended.
     *
     * @param parent the folder holding runs, such as {@code runs}; created if missing
     * @param name the run's name
     * @param now the start time
     * @return the new, empty folder
     * @throws IOException if it cannot be created
     */
    public static RunFolder create(Path parent, String name, LocalDateTime now) throws IOException {
        Files.createDirectories(parent);
        String base = name + "-" + STAMP.format(now);
        for (int n = 1; ; n++) {
            Path dir = parent.resolve(n == 1 ? base : base + "-" + n);
            try {
                return new RunFolder(Files.createDirectory(dir));
            } catch (FileAlreadyExistsException taken) {
                // another run started in the same second: take the next suffix
            }
        }
    }

    /**
     * @param dir an existing run folder
     * @return it
     */
    public static RunFolder of(Path dir) {
        return new RunFolder(dir);
    }

    /** @return the folder */
    public Path dir() {
        return dir;
    }

    /** @return the config as it ran: overrides applied, paths absolute */
    public Path config() {
        return dir.resolve("config.yaml");
    }

    /** @return one line per epoch: loss, accuracy, validation loss and accuracy, seconds, learning rate */
    public Path metrics() {
        return dir.resolve("metrics.csv");
    }

    /** @return the final model's architecture; its weights are {@code model.safetensors} beside it */
    public Path model() {
        return dir.resolve("model.json");
    }

    /**
     * @return what the model needs besides its weights to be used again (class names, pre-processing,
     *     vocabulary), written when training starts: a checkpoint of a run that has not finished is
     *     measured with it as the finished model would be
     */
    public Path dataInfo() {
        return dir.resolve("data-info.json");
    }

    /** @return the folder of the checkpoints */
    public Path checkpoints() {
        return dir.resolve("checkpoints");
    }

    /** @return the learning curves: loss and accuracy, training and validation */
    public Path curves() {
        return dir.resolve("learning-curves.png");
    }

    /** @return the run's log */
    public Path log() {
        return dir.resolve("train.log");
    }

    /**
     * Deletes the temporary files a killed process left behind in the folder and its checkpoints.
     *
     * @throws IOException if a folder cannot be listed or a file deleted
     */
    public void removeLeftovers() throws IOException {
        AtomicFiles.removeLeftovers(dir);
        AtomicFiles.removeLeftovers(checkpoints());
    }

    @Override
    public String toString() {
        return dir.toString();
    }
}
