package org.neurite.launcher.run.data;

import java.util.Map;

import org.neurite.api.Shape;
import org.neurite.engine.data.Dataset;
import org.neurite.engine.nn.Model;
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
     * Fits samples of one unnamed input to a model of one input.
     *
     * @param samples the samples as read
     * @param model the model
     * @param location where the source was configured, such as {@code config.yaml:7}
     * @param path the source's key path, such as {@code data.train}
     * @return the dataset the model trains or is measured on
     * @throws ConfigException if the model takes several inputs, or as {@link #fit(Samples, Shape, Shape, String, String)}
     */
    public static Dataset fit(Samples samples, Model model, String location, String path) {
        Map<String, Shape> inputs = model.inputShapes();
        if (inputs.size() != 1) {
            throw new ConfigException(location, path + ": the model takes the inputs " + describe(inputs) + ", but "
                    + samples.source() + " gives one unnamed input; use a source with named inputs");
        }
        return fit(samples, inputs.values().iterator().next(), model.outputShape(), location, path);
    }

    /**
     * Checks a dataset of named inputs against a model: every input the model takes, by name
     * and shape (a model of one input takes the only one whatever its name), and class targets
     * that the model's output scores ({@code [...targetShape, classes]}).
     *
     * @param data the dataset
     * @param model the model
     * @param location where the source was configured
     * @param path the source's key path
     * @return the dataset
     * @throws ConfigException naming the input or the targets that do not fit, with both shapes
     */
    public static Dataset fitNamed(Dataset data, Model model, String location, String path) {
        Map<String, Shape> given = data.inputShapes();
        Map<String, Shape> taken = model.inputShapes();
        boolean single = given.size() == 1 && taken.size() == 1;
        for (Map.Entry<String, Shape> in : taken.entrySet()) {
            Shape shape = single ? given.values().iterator().next() : given.get(in.getKey());
            if (shape == null || !shape.equals(in.getValue())) {
                throw new ConfigException(location, path + ": the model's input '" + in.getKey() + "' takes "
                        + in.getValue() + ", but the data " + (shape == null ? "has no input of that name"
                        : "gives " + shape) + " (data: " + describe(given) + ")");
            }
        }
        Shape output = model.outputShape();
        Shape expected = data.isClassification()
                ? Shape.of(append(data.targetShape().dims(), data.numClasses().getAsInt())) : data.targetShape();
        boolean fits = data.isClassification()
                ? output.rank() == expected.rank() && output.sub(0, output.rank() - 1).equals(data.targetShape())
                        && output.dim(-1) >= data.numClasses().getAsInt()
                : output.equals(expected);
        if (!fits) {
            throw new ConfigException(location, path + ": the model gives " + output + " per sample, but the data's "
                    + (data.isClassification() ? data.numClasses().getAsInt() + " classes (targets "
                    + data.targetShape() + ") need " + expected : "targets are " + expected));
        }
        return data;
    }

    private static int[] append(int[] dims, int last) {
        int[] out = java.util.Arrays.copyOf(dims, dims.length + 1);
        out[dims.length] = last;
        return out;
    }

    /** @return inputs as {@code tokens [16], mask [16]} */
    public static String describe(Map<String, Shape> inputs) {
        StringBuilder b = new StringBuilder();
        inputs.forEach((name, shape) -> b.append(b.length() == 0 ? "" : ", ").append(name).append(' ').append(shape));
        return b.toString();
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
