package org.neurite.launcher.run.data;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

import org.neurite.api.SampleSet;
import org.neurite.api.Shape;
import org.neurite.engine.data.Dataset;
import org.neurite.launcher.config.RunConfig;
import org.neurite.launcher.config.SourceConfig;

/**
 * The data of a run, loaded and fitted to its model: training, validation (a source of its
 * own or a share held out of the training data) and test, and what the training samples say a
 * model trained on them needs to be used again (such as a text's vocabulary).
 *
 * @param train the training set
 * @param validation the validation set, or {@code null}
 * @param test the test set, or {@code null}
 * @param info what travels with the trained model, as plain JSON values; empty if nothing
 */
public record RunData(Dataset train, Dataset validation, Dataset test, Map<String, Object> info) {

    /**
     * @param config the checked config
     * @param inputs the model's per-sample input shapes, by name
     * @param output the model's per-sample output shape
     * @return the data
     * @throws IOException if a file cannot be read
     * @throws org.neurite.launcher.config.ConfigException if data does not fit the model
     * @throws org.neurite.api.DataFileException if a file is malformed
     */
    public static RunData load(RunConfig config, Map<String, Shape> inputs, Shape output) throws IOException {
        SourceConfig.Split split = config.validation() instanceof SourceConfig.Split s ? s : null;
        Optional<SampleSet.Split> parts = split != null && config.train() instanceof SourceConfig.Provided p
                ? Sources.read(config, p, split.fraction()) : Optional.empty();
        SampleSet trainSamples = parts.isPresent() ? parts.get().train() : Sources.read(config, config.train());
        Dataset train = fit(config, config.train(), trainSamples, inputs, output);
        Dataset validation = null;
        if (parts.isPresent()) {
            validation = fit(config, split, parts.get().heldOut(), inputs, output);
        } else if (split != null) {
            // Dataset.split keeps the given share first: the rest is held out
            Dataset.Split random = train.split(1 - split.fraction(), new SplittableRandom(split.seed()));
            train = random.train();
            validation = random.validation();
        } else if (config.validation() != null) {
            validation = fit(config, config.validation(), inputs, output);
        }
        Dataset test = config.test() == null ? null : fit(config, config.test(), inputs, output);
        return new RunData(train, validation, test, trainSamples.info());
    }

    /**
     * Loads one source of a config and fits it to the model.
     *
     * @param config the config, for the place of problems
     * @param source one of its sources, not a split
     * @param inputs the model's input shapes, by name
     * @param output the model's output shape
     * @return the dataset
     * @throws IOException if a file cannot be read
     */
    public static Dataset fit(RunConfig config, SourceConfig source, Map<String, Shape> inputs, Shape output)
            throws IOException {
        return fit(config, source, Sources.read(config, source), inputs, output);
    }

    private static Dataset fit(RunConfig config, SourceConfig source, SampleSet samples, Map<String, Shape> inputs,
                               Shape output) {
        return DataFit.fit(samples, inputs, output, config.document().locate(source.path()), source.path());
    }
}
