package org.neurite.engine.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.neurite.api.Parameter;

/**
 * Saves a model's parameters (weights and buffers) to a safetensors file and loads them back
 * into the parameters of a model of the same architecture. Names and layouts are PyTorch's,
 * so a file written by {@code safetensors.torch.save_file(model.state_dict(), ...)} for the
 * same architecture loads too.
 */
public final class WeightsFile {

    /** The kind and version written into the metadata; the highest version read. */
    static final FormatTag TAG = new FormatTag("neurite-weights", 1);

    private WeightsFile() {
    }

    /**
     * Saves parameters, atomically.
     *
     * @param file the file to write
     * @param parameters the parameters by name, such as {@code layers.0.weight}
     * @throws IOException if writing fails
     */
    public static void save(Path file, Map<String, ? extends Parameter> parameters) throws IOException {
        save(file, parameters, Map.of());
    }

    /**
     * Saves parameters with extra metadata, atomically.
     *
     * @param file the file to write
     * @param parameters the parameters by name
     * @param metadata extra string metadata; the format and its version are added first
     * @throws IOException if writing fails
     */
    public static void save(Path file, Map<String, ? extends Parameter> parameters, Map<String, String> metadata)
            throws IOException {
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        // The live arrays are written as they are; saving happens between steps, never during one.
        parameters.forEach((name, p) -> tensors.put(name, new TensorData(p.shape(), p.data())));
        Safetensors.write(file, tensors, TAG.metadata(metadata));
    }

    /**
     * Loads a file into existing parameters, after checking that the file holds exactly these
     * names with these shapes; on any mismatch nothing is changed.
     *
     * @param file the file to read
     * @param parameters the parameters to fill, by name
     * @return the file's metadata
     * @throws IOException if the file cannot be read
     * @throws FileFormatException if the file is not valid safetensors, is a newer version,
     *     lacks parameters, holds unexpected ones or shapes differ; the message lists every
     *     missing and unexpected name and every differing shape
     */
    public static Map<String, String> load(Path file, Map<String, ? extends Parameter> parameters)
            throws IOException {
        return fill(Safetensors.read(file), file, parameters);
    }

    /**
     * The bytes of a weights file of these parameters, without writing a file: what weights
     * travel as between machines.
     *
     * @param parameters the parameters by name
     * @return the bytes, as {@link #save(Path, Map)} would write them
     */
    public static byte[] bytes(Map<String, ? extends Parameter> parameters) {
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        parameters.forEach((name, p) -> tensors.put(name, new TensorData(p.shape(), p.data())));
        return Safetensors.bytes(tensors, TAG.metadata(Map.of()));
    }

    /**
     * Loads the bytes of a weights file into existing parameters, checked as {@link #load(Path, Map)}.
     *
     * @param bytes the bytes, such as {@link #bytes} made
     * @param source what the bytes are, for error messages
     * @param parameters the parameters to fill, by name
     * @return the metadata
     * @throws FileFormatException as {@link #load(Path, Map)}
     */
    public static Map<String, String> load(byte[] bytes, String source, Map<String, ? extends Parameter> parameters) {
        return fill(Safetensors.read(bytes, source), Path.of(source), parameters);
    }

    private static Map<String, String> fill(Safetensors.Content content, Path file,
                                            Map<String, ? extends Parameter> parameters) {
        // Untagged files come from elsewhere (such as PyTorch): only names and shapes matter.
        TAG.check(file, content.metadata(), false);
        Map<String, TensorData> stored = content.tensors();
        List<String> problems = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, ? extends Parameter> e : parameters.entrySet()) {
            TensorData t = stored.get(e.getKey());
            if (t == null) {
                missing.add(e.getKey());
            } else if (!t.shape().equals(e.getValue().shape())) {
                problems.add("parameter " + e.getKey() + " has shape " + e.getValue().shape()
                        + " but the file holds " + t.shape());
            }
        }
        List<String> unexpected = new ArrayList<>();
        for (String name : stored.keySet()) {
            if (!parameters.containsKey(name)) {
                unexpected.add(name);
            }
        }
        if (!missing.isEmpty()) {
            problems.add("missing from the file: " + String.join(", ", missing));
        }
        if (!unexpected.isEmpty()) {
            problems.add("unexpected in the file: " + String.join(", ", unexpected));
        }
        if (!problems.isEmpty()) {
            throw new FileFormatException(file.toString(), "parameters",
                    "the file does not fit the model: " + String.join("; ", problems));
        }
        parameters.forEach((name, p) -> {
            float[] values = stored.get(name).values();
            System.arraycopy(values, 0, p.data(), 0, values.length);
        });
        return content.metadata();
    }
}
