package org.neurite.launcher.run.data;

import java.util.List;
import java.util.Map;

import org.neurite.api.SampleSet;
import org.neurite.api.Shape;
import org.neurite.engine.data.Dataset;
import org.neurite.engine.inference.InputStatistics;
import org.neurite.engine.inference.Preprocessing;
import org.neurite.engine.nn.Model;
import org.neurite.launcher.config.ConfigException;
import org.neurite.launcher.config.DataOptions;
import org.neurite.launcher.config.RunConfig;

/**
 * What a run saves about its model's inputs and outputs besides the weights: the pre-processing
 * raw inputs need (the training source's scale and the normalisation {@code data.normalize}
 * computes from the training set) and a check that the class names fit the model's outputs.
 */
final class ModelInputs {

    private ModelInputs() {
    }

    /**
     * @param names the run's class names
     * @param model its model
     * @param config the config, for the place of the problem
     * @throws ConfigException if the model does not score that many classes
     */
    static void checkClassCount(List<String> names, Model model, RunConfig config) {
        Shape output = model.outputShape();
        int classes = output.rank() == 1 && output.dim(0) == 1 ? 2 : output.dim(-1);
        if (classes != names.size()) {
            String key = DataOptions.of(config).classes() != null ? "data." + DataOptions.CLASSES : "data.train";
            throw new ConfigException(config.document().locate(key), key + ": " + names.size() + " class names "
                    + names + " but the model's output " + output + " scores " + classes + " classes");
        }
    }

    /**
     * @param samples the training samples as read (their {@code preprocessing} entry gives the scale)
     * @param train the training set the model is fitted on, before normalisation
     * @param options the config's data options
     * @param model the model
     * @param config the config, for the place of problems
     * @return the pre-processing to save, or {@code null} when the source scaled nothing and
     *     nothing is normalised
     * @throws ConfigException if normalisation is asked of a model with several inputs
     */
    static Preprocessing preprocessing(SampleSet samples, Dataset train, DataOptions options, Model model,
                                       RunConfig config) {
        Object read = samples.info().get(Preprocessing.KEY);
        Preprocessing scaled = read == null ? null : Preprocessing.fromJson(read, samples.source());
        if (options.normalize() == Preprocessing.Normalization.NONE) {
            return scaled;
        }
        String key = "data." + DataOptions.NORMALIZE;
        if (model.inputShapes().size() != 1) {
            throw new ConfigException(config.document().locate(key), key + ": normalisation takes a model with one"
                    + " input; this one has " + model.inputShapes().keySet());
        }
        Map.Entry<String, Shape> input = model.inputShapes().entrySet().iterator().next();
        InputStatistics statistics = new InputStatistics(input.getValue(), options.normalize());
        String name = train.inputNames().get(0);
        for (int i = 0; i < train.size(); i++) {
            statistics.add(train.input(name, i), 0);
        }
        return statistics.preprocessing(scaled == null ? 1 : scaled.scale());
    }

    /**
     * @param data a dataset of one input, as its source read it
     * @param preprocessing the normalisation to apply
     * @return the dataset with its input normalised
     */
    static Dataset normalized(Dataset data, Preprocessing preprocessing) {
        String name = data.inputNames().get(0);
        int features = data.inputShapes().get(name).intSize();
        return data.mapInput(name, values -> {
            preprocessing.normalize(values, features);
            return values;
        });
    }
}
