package org.neurite.launcher.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.neurite.api.Loss;
import org.neurite.api.OptionException;
import org.neurite.api.Options;
import org.neurite.engine.data.source.Vocabulary;
import org.neurite.engine.inference.Predictor;
import org.neurite.engine.inference.Preprocessing;
import org.neurite.engine.io.FileFormatException;
import org.neurite.engine.io.Json;
import org.neurite.engine.io.ModelFile;
import org.neurite.engine.io.WeightsFile;
import org.neurite.engine.nn.Model;
import org.neurite.engine.registry.ComponentRef;
import org.neurite.engine.registry.Components;
import org.neurite.engine.train.Checkpoint;
import org.neurite.launcher.config.ConfigException;
import org.neurite.launcher.config.RunConfig;

/**
 * A trained model as {@code evaluate} and {@code predict} take it: a run folder (its
 * {@code model.json}) or a model JSON file, loaded with the loss it was trained with.
 *
 * @param file the model's JSON file
 * @param runFolder the run folder it belongs to, or {@code null} when given as a file
 * @param model the model with its weights
 * @param loss the loss it was trained with, or {@code null} if the file names none
 * @param vocabulary the characters of a text model's token ids, or {@code null} for other models
 * @param preprocessing what raw inputs go through, or {@code null} when the model file says nothing
 *     (models saved before it did, and models of sources that neither scale nor normalise)
 * @param classNames the names of its classes in index order, or {@code null}
 */
public record SavedModel(Path file, RunFolder runFolder, Model model, Loss loss, Vocabulary vocabulary,
                         Preprocessing preprocessing, List<String> classNames) {

    /** The key of {@code model.json} that lists the plugins the model was built with. */
    public static final String PLUGINS = ModelFile.PLUGINS;

    /**
     * @param path a run folder or a model JSON file
     * @param components where the layer types and the loss are looked up
     * @return the model
     * @throws ConfigException if the path is neither
     * @throws IOException if a file cannot be read (a missing weights file included)
     * @throws FileFormatException if a file is malformed or truncated, naming it
     */
    public static SavedModel load(Path path, Components components) throws IOException {
        RunFolder folder = null;
        Path file = path;
        if (Files.isDirectory(path)) {
            folder = RunFolder.of(path);
            file = folder.model();
            if (!Files.isRegularFile(file)) {
                throw new ConfigException(path.toString(), "not a run folder with a trained model: " + file
                        + " is missing (the run may not have finished)");
            }
        } else if (!Files.isRegularFile(path)) {
            throw new ConfigException(path.toString(), "no such model file or run folder");
        } else if (ModelFile.isWeightsFile(path)) {
            throw new ConfigException(path.toString(), ModelFile.WEIGHTS_NOT_MODEL);
        }
        checkPlugins(file, components);
        ModelFile.Loaded loaded = ModelFile.load(file, components);
        return new SavedModel(file, folder, loaded.model(), loss(file, loaded.info(), components),
                vocabulary(file, loaded.info()), preprocessing(file, loaded.info()),
                Predictor.classNamesOf(loaded.info(), file.toString()));
    }

    /**
     * Loads a model with the weights of one of its run's checkpoints: the architecture from the
     * run's {@code model.json}, or from its config while the run has not finished.
     *
     * @param path a run folder
     * @param checkpoint {@code epoch-005}, {@code 5} or {@code latest}
     * @param components where the layer types and the loss are looked up
     * @return the model with the checkpoint's weights; its file is the checkpoint's weights file
     * @throws ConfigException if the path is not a run folder or it has no such checkpoint, naming those it has
     * @throws IOException if a file cannot be read
     */
    public static SavedModel load(Path path, String checkpoint, Components components) throws IOException {
        if (!Files.isDirectory(path)) {
            throw new ConfigException("--checkpoint", "needs a run folder, but " + path + " is not a folder");
        }
        RunFolder folder = RunFolder.of(path);
        List<Integer> epochs = Checkpoint.savedEpochs(folder.checkpoints());
        epochs.sort(null);
        int epoch = checkpointEpoch(checkpoint, epochs);
        Optional<Checkpoint> found = epochs.contains(epoch)
                ? Checkpoint.at(folder.checkpoints(), epoch) : Optional.empty();
        if (found.isEmpty()) {
            throw new ConfigException("--checkpoint", "no complete checkpoint '" + checkpoint + "' in "
                    + folder.checkpoints() + "; it has " + (epochs.isEmpty() ? "none" : epochs.stream()
                            .map(e -> String.format(Locale.ROOT, "epoch-%03d", e)).collect(Collectors.joining(", "))));
        }
        SavedModel base;
        if (Files.isRegularFile(folder.model())) {
            base = load(path, components);
        } else {
            base = unfinished(folder, components);
        }
        WeightsFile.load(found.get().weights(), base.model().parameters());
        return new SavedModel(found.get().weights(), folder, base.model(), base.loss(), base.vocabulary(),
                base.preprocessing(), base.classNames());
    }

    /**
     * The model of a run that has no model file yet: built from its config, with the class names,
     * pre-processing and vocabulary it stored when training started (or, in a run folder from before
     * it did, the same taken from its data again).
     */
    private static SavedModel unfinished(RunFolder folder, Components components) throws IOException {
        RunConfig config = RunConfig.load(folder.config(), List.of(), components);
        Model model = config.buildModel(components);
        Path file = folder.dataInfo();
        Map<String, Object> info;
        if (Files.isRegularFile(file)) {
            if (!(Json.read(file) instanceof Map<?, ?> read)) {
                throw new FileFormatException(file.toString(), "top level", "expected a JSON object");
            }
            info = new java.util.LinkedHashMap<>();
            read.forEach((k, v) -> info.put(String.valueOf(k), v));
        } else {
            file = folder.config();
            info = org.neurite.launcher.run.data.RunData.load(config, model).info();
        }
        return new SavedModel(file, folder, model, config.createLoss(components), vocabulary(file, info),
                preprocessing(file, info), Predictor.classNamesOf(info, file.toString()));
    }

    /** The epoch a {@code --checkpoint} value names, or -1 if it names none. */
    private static int checkpointEpoch(String checkpoint, List<Integer> epochs) {
        if (checkpoint.equals("latest")) {
            return epochs.isEmpty() ? -1 : epochs.get(epochs.size() - 1);
        }
        Matcher m = CHECKPOINT_NAME.matcher(checkpoint);
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }

    private static final Pattern CHECKPOINT_NAME = Pattern.compile("(?:epoch-)?0*(\\d{1,9})");

    /**
     * The plugins a model was built with, as {@code model.json} records them ({@code plugins:
     * [{id: mish, version: 1.0.0}]}), must be installed; otherwise say which to install, rather
     * than leave it to an unknown layer type.
     */
    private static void checkPlugins(Path file, Components components) throws IOException {
        Object read = ModelFile.readJson(file);
        List<String> missing = read instanceof Map<?, ?> json ? ModelFile.missingPlugins(json, components) : List.of();
        if (!missing.isEmpty()) {
            throw new FileFormatException(file.toString(), PLUGINS, "the model was built with plugin"
                    + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing) + ", which "
                    + (missing.size() > 1 ? "are" : "is") + " not installed (or disabled; see neurite plugins);"
                    + " install it into a plugins folder");
        }
    }

    /**
     * @param components the components a model was built with
     * @return the {@code plugins} entry of its {@code model.json}: every plugin whose components it used, with its version
     */
    public static List<Map<String, String>> pluginsEntry(Components components) {
        return components.pluginsUsed().entrySet().stream().map(e -> Map.of("id", e.getKey(), "version", e.getValue()))
                .toList();
    }

    private static Preprocessing preprocessing(Path file, Map<String, Object> info) {
        Object entry = info.get(Preprocessing.KEY);
        if (entry == null) {
            return null;
        }
        try {
            return Preprocessing.fromJson(entry, file.toString());
        } catch (IllegalArgumentException e) {
            throw new FileFormatException(file.toString(), Preprocessing.KEY, e.getMessage(), e);
        }
    }

    /**
     * @return a predictor of this model's classes, which applies its pre-processing to raw inputs
     * @throws IllegalArgumentException if the model is not a classifier of one input
     */
    public Predictor predictor() {
        return Predictor.of(model, preprocessing == null ? Preprocessing.NONE : preprocessing, classNames,
                loss == null ? null : loss.name());
    }

    private static Vocabulary vocabulary(Path file, Map<String, Object> info) {
        Object tokens = info.get(Vocabulary.KEY);
        if (tokens == null) {
            return null;
        }
        if (!(tokens instanceof java.util.List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
            throw new FileFormatException(file.toString(), Vocabulary.KEY, "expected a list of characters");
        }
        try {
            return Vocabulary.ofTokens(list.stream().map(String.class::cast).toList());
        } catch (IllegalArgumentException e) {
            throw new FileFormatException(file.toString(), Vocabulary.KEY, e.getMessage(), e);
        }
    }

    private static Loss loss(Path file, Map<String, Object> info, Components components) {
        if (!info.containsKey("loss")) {
            return null;
        }
        try {
            ComponentRef ref = ComponentRef.read(Options.of(info), "loss");
            return components.loss(ref.name(), ref.options());
        } catch (OptionException e) {
            throw new FileFormatException(file.toString(), "loss", e.getMessage(), e);
        }
    }
}
