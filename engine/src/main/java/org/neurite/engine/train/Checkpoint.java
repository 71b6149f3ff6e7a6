package org.neurite.engine.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.neurite.api.Optimizer;
import org.neurite.api.Parameter;
import org.neurite.engine.io.OptimizerStateFile;
import org.neurite.engine.io.WeightsFile;

/**
 * A complete checkpoint on disk, as {@link CheckpointWriter} writes them into a folder (the
 * weights, the optimizer's state and the trainer's {@link TrainingState}), and how to find the
 * saved ones in a folder.
 *
 * @param weights the weights file
 * @param optimizer the optimizer state file
 * @param state where the run stood
 */
public record Checkpoint(Path weights, Path optimizer, TrainingState state) {

    private static final Pattern STATE = Pattern.compile("epoch-(\\d+)\\.state\\.json");

    /**
     * Loads the weights into the model and the state into the optimizer.
     *
     * @param parameters the model's parameters
     * @param into the optimizer
     * @return where the run stood, to pass to {@link Trainer#fit(org.neurite.engine.data.Dataset,
     *     org.neurite.engine.data.Dataset, TrainingState)}
     * @throws UncheckedIOException if a file cannot be read
     */
    public TrainingState restore(Map<String, ? extends Parameter> parameters, Optimizer into) {
        try {
            WeightsFile.load(weights, parameters);
            OptimizerStateFile.load(optimizer, into);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restore the checkpoint of epoch " + state.epoch() + ": "
                    + e.getMessage(), e);
        }
        return state;
    }

    /** The weights file of an epoch's checkpoint in a folder, such as {@code epoch-003.weights.safetensors}. */
    static Path weightsFile(Path folder, int epoch) {
        return file(folder, epoch, "weights.safetensors");
    }

    /** The optimizer state file of an epoch's checkpoint in a folder. */
    static Path optimizerFile(Path folder, int epoch) {
        return file(folder, epoch, "optimizer.safetensors");
    }

    /** The trainer's state file of an epoch's checkpoint in a folder, written last. */
    static Path stateFile(Path folder, int epoch) {
        return file(folder, epoch, "state.json");
    }

    private static Path file(Path folder, int epoch, String kind) {
        return folder.resolve(String.format(Locale.ROOT, "epoch-%03d.%s", epoch, kind));
    }

    /**
     * @param folder a folder of checkpoints
     * @return the epochs that have a state file there, in no particular order
     * @throws IOException if the folder cannot be listed
     */
    public static List<Integer> savedEpochs(Path folder) throws IOException {
        List<Integer> epochs = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return epochs;
        }
        try (Stream<Path> files = Files.list(folder)) {
            files.forEach(f -> {
                Matcher m = STATE.matcher(f.getFileName().toString());
                if (m.matches()) {
                    epochs.add(Integer.parseInt(m.group(1)));
                }
            });
        }
        return epochs;
    }

    /**
     * @param folder a folder of checkpoints
     * @param epoch an epoch
     * @return that epoch's checkpoint, if it is complete (state, weights and optimizer files)
     * @throws IOException if the state file cannot be read
     * @throws org.neurite.engine.io.FileFormatException if the state file is malformed
     */
    public static Optional<Checkpoint> at(Path folder, int epoch) throws IOException {
        Path weights = weightsFile(folder, epoch);
        Path optimizer = optimizerFile(folder, epoch);
        Path state = stateFile(folder, epoch);
        if (Files.isRegularFile(state) && Files.isRegularFile(weights) && Files.isRegularFile(optimizer)) {
            return Optional.of(new Checkpoint(weights, optimizer, TrainingStateFile.read(state)));
        }
        return Optional.empty();
    }

    /**
     * Finds the latest complete checkpoint: the highest epoch whose state, weights and optimizer
     * files all exist.
     *
     * @param folder the folder of the checkpoints
     * @return the checkpoint, or empty if there is none
     * @throws IOException if the folder or a state file cannot be read
     * @throws org.neurite.engine.io.FileFormatException if the state file is malformed
     */
    public static Optional<Checkpoint> latest(Path folder) throws IOException {
        List<Integer> epochs = savedEpochs(folder);
        epochs.sort(Comparator.reverseOrder());
        for (int epoch : epochs) {
            Optional<Checkpoint> c = at(folder, epoch);
            if (c.isPresent()) {
                return c;
            }
        }
        return Optional.empty();
    }
}
