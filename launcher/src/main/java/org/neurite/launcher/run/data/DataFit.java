package org.neurite.launcher.run.data;

import org.neurite.api.Shape;
import org.neurite.engine.data.Dataset;
import org.neurite.launcher.config.ConfigException;

/**
 * Fits samples to a model: features take the model's input shape when they hold as many
 * values (so images {@code [28, 28]} feed a model whose input is {@code [784]}), and labels
 * become class indices when the model gives one score per class ({@code [classes]}, at least
 * two), else target values of the model's output shape.
 */
public final class DataFit {

    private DataFit() {
    }

    /**
     * @param samples the samples as read
     * @param input the model's per-sample input shape
     * @param output the model's per-sample output shape
     * @param location where the source was configured, such as {@code config.yaml:7}
     * @param path the source's key path, such as {@code data.train}
     * @return the dataset the model trains or is measured on
     * @throws ConfigException if the features do not fit the input or a label is not a class
     *     of the model, naming the source and the sample
     */
    public static Dataset fit(Samples samples, Shape input, Shape output, String location, String path) {
        if (samples.featureShape().size() != input.size()) {
            throw new ConfigException(location, path + ": samples of shape " + samples.featureShape() + " ("
                    + samples.featureShape().size() + " values) from " + samples.source() + " do not fit model.input "
                    + input + " (" + input.size() + " values)");
        }
        if (isClassifier(output)) {
            int classes = output.dim(0);
            float[] labels = samples.labels();
            for (int i = 0; i < labels.length; i++) {
                float label = labels[i];
                if (!(label >= 0 && label < classes && label == Math.rint(label))) {
                    throw new ConfigException(location, path + ": label " + format(label) + " of sample " + i + " in "
                            + samples.source() + " is not a class of the model, whose " + classes
                            + " outputs are classes 0 to " + (classes - 1));
                }
            }
            return Dataset.ofClasses(samples.features(), input, labels, classes);
        }
        if (output.size() != 1) {
            throw new ConfigException(location, path + ": the model gives " + output + " values per sample, but "
                    + samples.source() + " has one label per sample");
        }
        return Dataset.ofValues(samples.features(), input, samples.labels(), output);
    }

    /**
     * @param output a model's per-sample output shape
     * @return whether it is one score per class: {@code [classes]} with at least two classes
     */
    public static boolean isClassifier(Shape output) {
        return output.rank() == 1 && output.dim(0) >= 2;
    }

    private static String format(float label) {
        return label == Math.rint(label) ? Integer.toString((int) label) : Float.toString(label);
    }
}
