package org.neurite.launcher.run.data;

import java.io.IOException;
import java.util.SplittableRandom;

import org.neurite.engine.data.Dataset;
import org.neurite.engine.nn.Model;
import org.neurite.launcher.config.RunConfig;
import org.neurite.launcher.config.SourceConfig;

/**
 * The data of a run, loaded and fitted to its model: training, validation (a source of its
 * own or a share held out of the training data) and test.
 *
 * @param train the training set
 * @param validation the validation set, or {@code null}
 * @param test the test set, or {@code null}
 */
public record RunData(Dataset train, Dataset validation, Dataset test) {

    /**
     * @param config the checked config
     * @param model the model it feeds
     * @return the data
     * @throws IOException if a file cannot be read
     * @throws org.neurite.launcher.config.ConfigException if data does not fit the model
     * @throws org.neurite.engine.io.FileFormatException if a file is malformed
     */
    public static RunData load(RunConfig config, Model model) throws IOException {
        Dataset train = fit(config, config.train(), model);
        Dataset validation = null;
        if (config.validation() instanceof SourceConfig.Split split) {
            // Dataset.split keeps the given share first: the rest is held out
            Dataset.Split parts = train.split(1 - split.fraction(), new SplittableRandom(split.seed()));
            train = parts.train();
            validation = parts.validation();
        } else if (config.validation() != null) {
            validation = fit(config, config.validation(), model);
        }
        Dataset test = config.test() == null ? null : fit(config, config.test(), model);
        return new RunData(train, validation, test);
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
        String location = config.document().locate(source.path());
        Dataset named = SourceLoader.named(source);
        return named != null ? DataFit.fitNamed(named, model, location, source.path())
                : DataFit.fit(SourceLoader.load(source), model, location, source.path());
    }
}
