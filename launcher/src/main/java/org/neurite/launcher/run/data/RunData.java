package org.neurite.launcher.run.data;

import java.io.IOException;
import java.util.SplittableRandom;

import org.neurite.api.Shape;
import org.neurite.engine.data.Dataset;
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
     * @param input the model's per-sample input shape
     * @param output the model's per-sample output shape
     * @return the data
     * @throws IOException if a file cannot be read
     * @throws org.neurite.launcher.config.ConfigException if data does not fit the model
     * @throws org.neurite.engine.io.FileFormatException if a file is malformed
     */
    public static RunData load(RunConfig config, Shape input, Shape output) throws IOException {
        Dataset train = fit(config, config.train(), input, output);
        Dataset validation = null;
        if (config.validation() instanceof SourceConfig.Split split) {
            // Dataset.split keeps the given share first: the rest is held out
            Dataset.Split parts = train.split(1 - split.fraction(), new SplittableRandom(split.seed()));
            train = parts.train();
            validation = parts.validation();
        } else if (config.validation() != null) {
            validation = fit(config, config.validation(), input, output);
        }
        Dataset test = config.test() == null ? null : fit(config, config.test(), input, output);
        return new RunData(train, validation, test);
    }

    /**
     * Loads one source of a config and fits it to the model.
     *
     * @param config the config, for the place of problems
     * @param source one of its sources, not a split
     * @param input the model's input shape
     * @param output the model's output shape
     * @return the dataset
     * @throws IOException if a file cannot be read
     */
    public static Dataset fit(RunConfig config, SourceConfig source, Shape input, Shape output) throws IOException {
        return DataFit.fit(SourceLoader.load(source), input, output, config.document().locate(source.path()),
                source.path());
    }
}
