package org.neurite.engine.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.neurite.api.Optimizer;
import org.neurite.api.Shape;

/**
 * Saves an optimizer's state (named flat float arrays, see {@link Optimizer#state()}) to a
 * safetensors file, with the optimizer's name in the metadata, and restores it, so that a
 * checkpoint resumes training exactly. Each array is stored as a 1-D tensor.
 */
public final class OptimizerStateFile {

    /** The metadata key of the optimizer's name. */
    public static final String OPTIMIZER_KEY = "optimizer";

    /** The kind and version written into the metadata; the highest version read. */
    static final FormatTag TAG = new FormatTag("neurite-optimizer-state", 1);

    /**
     * A saved state.
     *
     * @param optimizer the name of the optimizer it belongs to, such as {@code adam}
     * @param state the arrays by name, in file order
     */
    public record Saved(String optimizer, Map<String, float[]> state) {
    }

    private OptimizerStateFile() {
    }

    /**
     * Saves an optimizer's current state, atomically.
     *
     * @param file the file to write
     * @param optimizer the optimizer
     * @throws IOException if writing fails
     */
    public static void save(Path file, Optimizer optimizer) throws IOException {
        save(file, optimizer.name(), optimizer.state());
    }

    /**
     * Saves named arrays as the state of the named optimizer, atomically.
     *
     * @param file the file to write
     * @param optimizer the optimizer's name
     * @param state the arrays by name
     * @throws IOException if writing fails
     */
    public static void save(Path file, String optimizer, Map<String, float[]> state) throws IOException {
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        state.forEach((name, values) -> tensors.put(name, new TensorData(Shape.of(values.length), values)));
        Safetensors.write(file, tensors, TAG.metadata(Map.of(OPTIMIZER_KEY, optimizer)));
    }

    /**
     * Reads a saved state.
     *
     * @param file the file to read
     * @return the optimizer's name and the arrays
     * @throws IOException if the file cannot be read
     * @throws FileFormatException if it is not an optimizer state file of a known version
     */
    public static Saved read(Path file) throws IOException {
        Safetensors.Content content = Safetensors.read(file);
        TAG.check(file, content.metadata(), true);
        String optimizer = content.metadata().get(OPTIMIZER_KEY);
        if (optimizer == null) {
            throw new FileFormatException(file.toString(), Safetensors.METADATA_KEY + "." + OPTIMIZER_KEY,
                    "expected the optimizer's name, found none");
        }
        Map<String, float[]> state = new LinkedHashMap<>();
        content.tensors().forEach((name, t) -> state.put(name, t.values()));
        return new Saved(optimizer, state);
    }

    /**
     * Restores a saved state into an optimizer of the same kind.
     *
     * @param file the file to read
     * @param optimizer the optimizer to restore
     * @throws IOException if the file cannot be read
     * @throws FileFormatException if the file is not an optimizer state file or belongs to
     *     another kind of optimizer, naming both
     */
    public static void load(Path file, Optimizer optimizer) throws IOException {
        Saved saved = read(file);
        if (!saved.optimizer().equals(optimizer.name())) {
            throw new FileFormatException(file.toString(), Safetensors.METADATA_KEY + "." + OPTIMIZER_KEY,
                    "expected the state of optimizer " + optimizer.name() + ", found the state of " + saved.optimizer());
        }
        optimizer.loadState(saved.state());
    }
}
