package org.neurite.engine.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.neurite.api.OptionException;
import org.neurite.api.Options;
import org.neurite.api.ShapeMismatchException;
import org.neurite.engine.nn.Model;
import org.neurite.engine.registry.Components;

/**
 * A saved model: its architecture as JSON in the vocabulary of run configs
 * ({@code model.json}), and its weights in a safetensors file beside it
 * ({@code model.safetensors}), which the JSON names.
 *
 * <pre>{@code
 * {
 *   "format": "neurite-model",
 *   "format_version": 1,
 *   "weights": "model.safetensors",
 *   "model": {"input": [784], "layers": [{"type": "dense", "units": 10}]},   // or a graph: {"inputs": ...}
 *   "loss": "cross_entropy"
 * }
 * }</pre>
 *
 * <p>Entries beyond the four of the format (such as {@code loss}) are the caller's, kept as
 * plain JSON values. Both files are written atomically, the weights first, so the JSON on disk
 * never names weights that are not complete.
 */
public final class ModelFile {

    /** The value of {@code format} in every model file. */
    public static final String FORMAT = "neurite-model";
    /** The format version written, and the highest one read. */
    public static final int VERSION = 1;

    /** What is wrong with a {@linkplain #isWeightsFile weights file} given as a model, and what to give instead. */
    public static final String WEIGHTS_NOT_MODEL = "is a weights file: give the model's JSON file beside it (model.json"
            + " in a run folder) or its run folder";

    private static final Set<String> RESERVED = Set.of("format", "format_version", "weights", "model");

    /**
     * A model read back.
     *
     * @param model the model, with its saved weights
     * @param info the entries the file holds beyond the format's own, such as {@code loss}
     */
    public record Loaded(Model model, Map<String, Object> info) {
    }

    private ModelFile() {
    }

    /**
     * @param architectureFile a model's JSON file, such as {@code runs/a/model.json}
     * @return the weights file written beside it: the same name ending in {@code .safetensors}
     */
    public static Path weightsFileOf(Path architectureFile) {
        String name = architectureFile.getFileName().toString();
        String base = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
        return architectureFile.resolveSibling(base + ".safetensors");
    }

    /**
     * Saves a model, atomically file by file: the weights, then the JSON naming them.
     *
     * @param architectureFile the JSON file to write; the weights go to {@link #weightsFileOf}
     * @param model the model
     * @param info more entries for the JSON, as plain values (such as the loss the model was trained with)
     * @throws IOException if writing fails
     * @throws IllegalArgumentException if {@code info} uses a key of the format itself
     */
    public static void save(Path architectureFile, Model model, Map<String, ?> info) throws IOException {
        for (String key : info.keySet()) {
            if (RESERVED.contains(key)) {
                throw new IllegalArgumentException("model file: the key '" + key + "' belongs to the format; reserved: "
                        + String.join(", ", RESERVED));
            }
        }
        requireFinite(model);
        Path weights = weightsFileOf(architectureFile);
        WeightsFile.save(weights, model.parameters());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("format", FORMAT);
        json.put("format_version", VERSION);
        json.put("weights", weights.getFileName().toString());
        json.put("model", model.architecture());
        json.putAll(info);
        Json.write(architectureFile, json);
    }

    /** A model is saved only if every weight is a number: NaN or an infinity names its parameter and element. */
    private static void requireFinite(Model model) {
        for (Map.Entry<String, ? extends org.neurite.api.Parameter> e : model.parameters().entrySet()) {
            float[] data = e.getValue().data();
            for (int i = 0; i < data.length; i++) {
                if (!Float.isFinite(data[i])) {
                    throw new NonFiniteWeightsException("the trained model is not saved: " + e.getKey() + " "
                            + e.getValue().shape() + " holds " + data[i] + " at element " + i
                            + "; training went wrong (try a lower learning rate or gradient clipping, clip_norm: 1.0)");
                }
            }
        }
    }

    /**
     * Reads a model's JSON file as it is, without building anything.
     *
     * @param architectureFile the model's JSON file
     * @return its parsed content
     * @throws IOException if it cannot be read
     * @throws FileFormatException if it is not JSON, or is the weights file (named as such)
     */
    public static Object readJson(Path architectureFile) throws IOException {
        if (isWeightsFile(architectureFile)) {
            // the file beside the model's JSON, the likeliest wrong path: named rather than parsed as JSON
            throw new FileFormatException(architectureFile.toString(), WEIGHTS_NOT_MODEL);
        }
        return Json.read(architectureFile);
    }

    /**
     * @param path a path given as a model
     * @return whether it names a weights file (the file beside a model's JSON), not a model
     */
    public static boolean isWeightsFile(Path path) {
        return path.toString().endsWith(".safetensors");
    }

    /**
     * Loads a model: rebuilds its architecture with the given components and fills in the weights.
     *
     * @param architectureFile the model's JSON file
     * @param components where the layer types it names are looked up
     * @return the model and the file's other entries
     * @throws NoSuchFileException if the JSON or the weights file is missing
     * @throws IOException if a file cannot be read
     * @throws FileFormatException if either file is malformed, truncated, of another kind or
     *     version, names unknown layers or options, or the weights do not fit the architecture;
     *     the message names the file and what is wrong
     */
    public static Loaded load(Path architectureFile, Components components) throws IOException {
        String source = architectureFile.toString();
        Object read = readJson(architectureFile);
        if (!(read instanceof Map<?, ?> raw)) {
            throw new FileFormatException(source, "top level", "expected a JSON object, found " + describe(read));
        }
        Map<String, Object> json = new LinkedHashMap<>();
        raw.forEach((k, v) -> json.put(String.valueOf(k), v));
        checkFormat(source, json);
        Object weightsName = json.get("weights");
        if (!(weightsName instanceof String name) || name.isBlank() || name.contains("/") || name.contains("\\")) {
            throw new FileFormatException(source, "weights", "expected the name of the weights file beside it, found "
                    + describe(weightsName));
        }
        Object architecture = json.get("model");
        if (!(architecture instanceof Map<?, ?> modelMap)) {
            throw new FileFormatException(source, "model", "expected the architecture as an object, found "
                    + describe(architecture));
        }
        Map<String, Object> modelOptions = new LinkedHashMap<>();
        modelMap.forEach((k, v) -> modelOptions.put(String.valueOf(k), v));
        Model model;
        try {
            model = Model.fromOptions(Options.of("model", modelOptions), components, 0);
        } catch (OptionException | ShapeMismatchException e) {
            throw new FileFormatException(source, "model", "the architecture does not build: " + e.getMessage(), e);
        }
        Path weights = architectureFile.resolveSibling(name);
        if (!Files.exists(weights)) {
            throw new NoSuchFileException(weights.toString(), null, "the weights file that " + source + " names is missing");
        }
        WeightsFile.load(weights, model.parameters());
        Map<String, Object> info = new LinkedHashMap<>(json);
        info.keySet().removeAll(RESERVED);
        return new Loaded(model, info);
    }

    /** The key of a model file's entry listing the plugins that built the model ({@code [{id, version}]}). */
    public static final String PLUGINS = "plugins";

    /**
     * The plugins a model file says built the model, as {@code plugins: [{id: mish, version: 1.0.0}]},
     * that are not among the plugins of {@code components}: what to install before the model loads.
     *
     * @param json the model file's entries (all of them, or its {@link Loaded#info()})
     * @param components where the model is to be loaded
     * @return each missing plugin as {@code 'mish' 1.0.0}; empty if none is missing or none is recorded
     */
    public static List<String> missingPlugins(Map<?, ?> json, Components components) {
        if (!(json.get(PLUGINS) instanceof List<?> recorded)) {
            return List.of();
        }
        Map<String, String> installed = components.plugins();
        List<String> missing = new java.util.ArrayList<>();
        for (Object entry : recorded) {
            if (entry instanceof Map<?, ?> plugin && plugin.get("id") instanceof String id && !installed.containsKey(id)) {
                missing.add("'" + id + "' " + plugin.get("version"));
            }
        }
        return missing;
    }

    private static void checkFormat(String source, Map<String, Object> json) {
        Object format = json.get("format");
        if (!FORMAT.equals(format)) {
            throw new FileFormatException(source, "format", "expected \"" + FORMAT + "\", found " + describe(format));
        }
        Object version = json.get("format_version");
        if (!(version instanceof Long v) || v < 1) {
            throw new FileFormatException(source, "format_version", "expected a positive whole number, found "
                    + describe(version));
        }
        if (v > VERSION) {
            throw new FileFormatException(source, "format_version", "expected version " + VERSION
                    + " or older, found " + v + " (written by a newer Neurite)");
        }
    }

    private static String describe(Object value) {
        return value == null ? "nothing" : value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
    }
}
