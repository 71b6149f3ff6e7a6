package org.neurite.engine.inference;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.neurite.engine.io.FileFormatException;
import org.neurite.engine.io.Json;
import org.neurite.engine.io.ModelFile;
import org.neurite.engine.nn.Model;
import org.neurite.engine.registry.Components;

/**
 * A {@link Predictor}'s side of model files: which file a path means, reading it with messages
 * that name what is missing (the file, the plugins a layer type came from), writing it with what
 * prediction needs, and the class names it holds.
 */
final class SavedModel {

    private SavedModel() {
    }

    /**
     * @param path a run folder (holding {@link Predictor#FILE_IN_RUN_FOLDER}) or a model's JSON file
     * @return the model's JSON file
     * @throws NoSuchFileException if there is none, naming the file
     */
    static Path modelFile(Path path) throws IOException {
        RawInputs.given(path, "the model's path");
        if (Files.isDirectory(path)) {
            Path file = path.resolve(Predictor.FILE_IN_RUN_FOLDER);
            if (!Files.isRegularFile(file)) {
                throw new NoSuchFileException(file.toString(), null, "the folder " + path + " has no "
                        + Predictor.FILE_IN_RUN_FOLDER + ": it is not a run folder, or its run did not finish");
            }
            return file;
        }
        if (!Files.isRegularFile(path)) {
            throw new NoSuchFileException(path.toString(), null, "no such model file or run folder");
        }
        return path;
    }

    /**
     * Loads a model file; a layer type nobody registered is reported with the plugins the model
     * was built with that are missing.
     */
    static ModelFile.Loaded read(Path file, Components components) throws IOException {
        try {
            return ModelFile.load(file, components);
        } catch (FileFormatException e) {
            List<String> missing = missingPlugins(file, components);
            if (missing.isEmpty()) {
                throw e;
            }
            throw new FileFormatException(file.toString(), ModelFile.PLUGINS, "the model was built with plugin"
                    + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing) + ", whose providers are not"
                    + " registered: load its zip (neurite-plugin-loader's PluginSet) or register its providers"
                    + " (Components.registerAll) and pass those components to Predictor.load; " + e.getMessage(), e);
        }
    }

    /** Saves a model with its loss, pre-processing and class names, as {@link Predictor#save} says. */
    static void save(Path file, Model network, Preprocessing preprocessing, List<String> classNames, String loss)
            throws IOException {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("loss", loss);
        info.put(Preprocessing.KEY, preprocessing.toJson());
        if (classNames != null) {
            info.put(Predictor.CLASS_NAMES, classNames);
        }
        ModelFile.save(file, network, info);
    }

    /**
     * @param value a model file's class-names entry, or {@code null}
     * @param source the file, for messages
     * @return the names in index order, or {@code null} when there is none
     * @throws FileFormatException if the entry is not a list of strings
     */
    static List<String> classNames(Object value, String source) {
        if (value == null) {
            return null;
        }
        if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            return list.stream().map(String.class::cast).toList();
        }
        throw new FileFormatException(source, Predictor.CLASS_NAMES, "expected a list of strings, found " + value);
    }

    private static List<String> missingPlugins(Path file, Components components) {
        try {
            Object json = Json.read(file);
            return json instanceof Map<?, ?> map ? ModelFile.missingPlugins(map, components) : List.of();
        } catch (IOException | RuntimeException unreadable) {
            return List.of(); // the failure being reported says what is wrong with the file
        }
    }
}
