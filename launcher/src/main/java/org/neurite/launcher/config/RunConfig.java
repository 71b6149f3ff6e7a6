package org.neurite.launcher.config;

import java.util.List;
import java.util.Map;

import org.neurite.api.Loss;
import org.neurite.api.GradientClipper;
import org.neurite.api.Optimizer;
import org.neurite.api.Options;
import org.neurite.engine.nn.Model;
import org.neurite.engine.registry.ComponentRef;
import org.neurite.engine.registry.Components;

/**
 * A run config that passed every check ({@link RunConfigCheck}): what to train, on what data,
 * and how. The components it names are created fresh by {@link #buildModel}, {@link #createLoss}
 * and {@link #createOptimizer}, the same way each time.
 *
 * @param document the config as read, for the place of problems found later (such as data
 *     that does not fit the model)
 * @param name the run's name, the start of its folder's name
 * @param seed the seed of every random draw: initial weights, shuffling, splits, synthetic data
 * @param train the training data
 * @param validation the validation data, or {@code null}
 * @param test the test data, or {@code null}
 * @param model the model section: a sequential model (input and layers) or a graph (inputs, layers, outputs)
 * @param loss the loss and its options
 * @param optimizer the optimizer, its schedule and clipping; {@code null} when nothing is trained
 * @param training epochs, batches, early stopping, checkpoints
 * @param spark how {@code neurite train --spark} trains (every default when the config has no {@code spark} section)
 */
public record RunConfig(ConfigDocument document, String name, long seed, SourceConfig train, SourceConfig validation,
                        SourceConfig test, Options model, ComponentRef loss, OptimizerConfig optimizer,
                        TrainingConfig training, SparkConfig spark) {

    /**
     * Reads a config file, applies {@code --set} overrides and checks the result.
     *
     * @param file the YAML or JSON file
     * @param overrides {@code key=value} texts, applied in order
     * @param components where the components it names are looked up
     * @return the checked config
     * @throws ConfigException listing every problem, each with its file and line
     * @throws java.io.IOException if the file cannot be read
     */
    public static RunConfig load(java.nio.file.Path file, List<String> overrides, Components components)
            throws java.io.IOException {
        ConfigDocument document = ConfigReader.read(file);
        Overrides.apply(document, overrides);
        return RunConfigCheck.check(document, components);
    }

    /**
     * @param components where the layer types are looked up
     * @return the model with its initial weights drawn from the seed
     */
    public Model buildModel(Components components) {
        return Model.fromOptions(model, components, seed);
    }

    /**
     * @param components where the loss is looked up
     * @return the loss
     */
    public Loss createLoss(Components components) {
        return components.loss(loss.name(), loss.options());
    }

    /**
     * @param components where the optimizer is looked up
     * @return the optimizer, without its schedule; {@code null} when none is configured (nothing is trained)
     */
    public Optimizer createOptimizer(Components components) {
        return optimizer == null ? null : components.optimizer(optimizer.name(), optimizer.options());
    }

    /**
     * @param components where the clipping is looked up
     * @return the configured gradient clipping, or {@code null} if there is none
     */
    public GradientClipper createClipper(Components components) {
        return optimizer == null || optimizer.clip() == null ? null : components.clipper(optimizer.clip());
    }

    /** @return the sources given, training first */
    public List<SourceConfig> sources() {
        return java.util.stream.Stream.of(train, validation, test).filter(java.util.Objects::nonNull).toList();
    }

    /**
     * The config as it runs: overrides applied and every data file's path made absolute, so that
     * the copy kept in the run folder works from anywhere.
     *
     * @return plain maps, lists and values
     */
    public Map<String, Object> resolved() {
        Map<String, Object> values = document.values();
        for (SourceConfig source : sources()) {
            Map<String, Object> section = section(values, source.path());
            if (source instanceof SourceConfig.Provided provided) {
                provided.files().forEach((key, file) -> section.put(key, file.toString()));
            }
        }
        return values;
    }

    /** The map at a path of keys such as {@code data.train}. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(Map<String, Object> values, String path) {
        Map<String, Object> map = values;
        for (String key : path.split("\\.")) {
            map = (Map<String, Object>) map.get(key);
        }
        return map;
    }
}
