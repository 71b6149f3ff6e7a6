package org.neurite.launcher.run.data;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

import org.neurite.api.SampleSet;
import org.neurite.engine.data.Dataset;
import org.neurite.engine.inference.Predictor;
import org.neurite.engine.inference.Preprocessing;
import org.neurite.engine.nn.Model;
import org.neurite.launcher.config.DataOptions;
import org.neurite.launcher.config.RunConfig;
import org.neurite.launcher.config.SourceConfig;

/**
 * The data of a run, loaded and fitted to its model: training, validation (a source of its
 * own or a share held out of the training data) and test, and what the training samples say a
 * model trained on them needs to be used again: a text's vocabulary, the class names, and the
 * pre-processing of raw inputs (the scale the source divided by, and the normalisation that
 * {@code data.normalize} computes from the training samples and applies to every source).
 *
 * <p>When the Spark executors read the training and validation data themselves ({@link
 * #readByExecutors}), the driver holds only their sizes and the info the executors found.
 *
 * @param train the training set, or {@code null} when the executors read it
 * @param validation the validation set, or {@code null}
 * @param test the test set, or {@code null}
 * @param info what travels with the trained model, as plain JSON values; empty if nothing
 * @param trainSize the training samples
 * @param validationSize the validation samples, 0 without validation
 * @param testSize the test samples, 0 without test data
 */
public record RunData(Dataset train, Dataset validation, Dataset test, Map<String, Object> info, int trainSize,
                      int validationSize, int testSize) {

    /**
     * Data read here.
     *
     * @param train the training set
     * @param validation the validation set, or {@code null}
     * @param test the test set, or {@code null}
     * @param info what travels with the trained model, as plain JSON values; empty if nothing
     */
    public RunData(Dataset train, Dataset validation, Dataset test, Map<String, Object> info) {
        this(train, validation, test, info, train.size(), validation == null ? 0 : validation.size(),
                test == null ? 0 : test.size());
    }

    /**
     * Data the Spark executors read themselves, as the driver knows it: no dataset, only sizes.
     *
     * @param trainSize the training samples the executors read
     * @param validationSize their validation samples, 0 for none
     * @param testSize their test samples, 0 for none
     * @param info the info the executors found (class names, pre-processing)
     * @return the data
     */
    public static RunData readByExecutors(int trainSize, int validationSize, int testSize, Map<String, Object> info) {
        return new RunData(null, null, null, info, trainSize, validationSize, testSize);
    }

    /**
     * @param config the checked config
     * @param model the model it feeds
     * @return the data
     * @throws IOException if a file cannot be read
     * @throws org.neurite.launcher.config.ConfigException if data does not fit the model
     * @throws org.neurite.api.DataFileException if a file is malformed
     */
    public static RunData load(RunConfig config, Model model) throws IOException {
        DataOptions options = DataOptions.of(config);
        SourceConfig.Split split = config.validation() instanceof SourceConfig.Split s ? s : null;
        Optional<SampleSet.Split> parts = split != null && config.train() instanceof SourceConfig.Provided p
                ? Sources.read(config, p, split.fraction()) : Optional.empty();
        SampleSet trainSamples = parts.isPresent() ? parts.get().train() : Sources.read(config, config.train());
        List<String> names = ClassNames.of(options.classes(), trainSamples);
        Dataset train = fit(config, config.train(), trainSamples, names, model);
        Dataset validation = null;
        if (parts.isPresent()) {
            validation = fit(config, split, parts.get().heldOut(), names, model);
        } else if (split != null) {
            // Dataset.split keeps the given share first: the rest is held out
            Dataset.Split random = train.split(1 - split.fraction(), new SplittableRandom(split.seed()));
            train = random.train();
            validation = random.validation();
        } else if (config.validation() != null) {
            validation = fit(config, config.validation(), Sources.read(config, config.validation()), names, model);
        }
        Dataset test = config.test() == null ? null
                : fit(config, config.test(), Sources.read(config, config.test()), names, model);
        Map<String, Object> info = new LinkedHashMap<>(trainSamples.info());
        if (names != null) {
            ModelInputs.checkClassCount(names, model, config);
            info.put(Predictor.CLASS_NAMES, names);
        }
        Preprocessing preprocessing = ModelInputs.preprocessing(trainSamples, train, options, model, config);
        if (preprocessing != null) {
            info.put(Preprocessing.KEY, preprocessing.toJson());
            if (preprocessing.normalizes()) {
                train = ModelInputs.normalized(train, preprocessing);
                validation = validation == null ? null : ModelInputs.normalized(validation, preprocessing);
                test = test == null ? null : ModelInputs.normalized(test, preprocessing);
            }
        }
        return new RunData(train, validation, test, info);
    }

    /**
     * Loads one source of a config and fits it to a trained model, numbering its classes as the
     * model names them; its inputs are as the source reads them, without the model's normalisation.
     *
     * @param config the config, for the place of problems
     * @param source one of its sources, not a split
     * @param model the model it feeds
     * @param classNames the model's class names, or {@code null}
     * @return the dataset
     * @throws IOException if a file cannot be read
     */
    public static Dataset fit(RunConfig config, SourceConfig source, Model model, List<String> classNames)
            throws IOException {
        return fit(config, source, Sources.read(config, source), classNames, model);
    }

    /**
     * @param data a dataset of one input, as its source read it (scaled)
     * @param preprocessing a model's pre-processing
     * @return the dataset with its input normalised as the model's training data was
     */
    public static Dataset normalized(Dataset data, Preprocessing preprocessing) {
        return preprocessing.normalizes() ? ModelInputs.normalized(data, preprocessing) : data;
    }

    private static Dataset fit(RunConfig config, SourceConfig source, SampleSet samples, List<String> names,
                               Model model) {
        String location = config.document().locate(source.path());
        return DataFit.fit(ClassNames.aligned(samples, names, location, source.path()), model, location, source.path());
    }
}
