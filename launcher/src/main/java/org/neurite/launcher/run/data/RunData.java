package org.neurite.launcher.run.data;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

import org.neurite.api.SampleSet;
import org.neurite.engine.data.Dataset;
import org.neurite.engine.nn.Model;
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
     * @param model the model it feeds
     * @return the data
     * @throws IOException if a file cannot be read
     * @throws org.neurite.launcher.config.ConfigException if data does not fit the model
     * @throws org.neurite.api.DataFileException if a file is malformed
     */
    public static RunData load(RunConfig config, Model model) throws IOException {
        SourceConfig.Split split = config.validation() instanceof SourceConfig.Split s ? s : null;
        Optional<SampleSet.Split> parts = split != null && config.train() instanceof SourceConfig.Provided p
                ? Sources.read(config, p, split.fraction()) : Optional.empty();
        SampleSet trainSamples = parts.isPresent() ? parts.get().train() : Sources.read(config, config.train());
        Dataset train = fit(config, config.train(), trainSamples, model);
        Dataset validation = null;
        if (parts.isPresent()) {
            validation = fit(config, split, parts.get().heldOut(), model);
        } else if (split != null) {
            // Dataset.split keeps the given share first: the rest is held out
            Dataset.Split random = train.split(1 - split.fraction(), new SplittableRandom(split.seed()));
            train = random.train();
            validation = random.validation();
        } else if (config.validation() != null) {
            validation = fit(config, config.validation(), model);
        }
        Dataset test = config.test() == null ? null : fit(config, config.test(), model);
        return new RunData(train, validation, test, trainSamples.info());
    }

    /**
     * Loads one source of a config and fits it to the model.
     *
     * @param config the config, for the place of problems
     * @param source one of its sources, not a split
     * @param model the model it feeds
     * @return the dataset
     * @throws IOException if a file cannot be read
     */
    public static Dataset fit(RunConfig config, SourceConfig source, Model model) throws IOException {
        return fit(config, source, Sources.read(config, source), model);
    }

    private static Dataset fit(RunConfig config, SourceConfig source, SampleSet samples, Model model) {
        return DataFit.fit(samples, model, config.document().locate(source.path()), source.path());
    }
}
