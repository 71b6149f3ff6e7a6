package org.neurite.launcher.run.data;

import java.util.Map;

import org.neurite.api.Loss;
import org.neurite.api.SampleSet;
import org.neurite.api.Shape;
import org.neurite.engine.data.Dataset;
import org.neurite.engine.data.DatasetBuilder;
import org.neurite.engine.nn.Model;
import org.neurite.launcher.config.ConfigException;

/**
 * Fits samples to a model. Inputs: a model with one input takes the samples' first input when it
 * holds as many values (so images {@code [28, 28]} feed a model whose input is {@code [784]});
 * a model with several takes the samples' inputs by name. Targets: one label per sample becomes a
 * class index when the model gives one score per class ({@code [classes]}, at least two), else a
 * target value; class targets per step ({@code [time]}) need a model output {@code [time, classes]}.
 * Sequences padded per batch are padded further to a longer model input ({@link PerBatchPadding}).
 */
public final class DataFit {

    private DataFit() {
    }

    /**
     * @param samples the samples as read
     * @param model the model they feed
     * @param location where the source was configured, such as {@code config.yaml:7}
     * @param path the source's key path, such as {@code data.train}
     * @return the dataset the model trains or is measured on
     * @throws ConfigException as {@link #fit(SampleSet, Map, Shape, String, String)}
     */
    public static Dataset fit(SampleSet samples, Model model, String location, String path) {
        Dataset data = fit(samples, model.inputShapes(), model.outputShape(), location, path);
        EmbeddedInputs.of(model).forEach((input, embedding) -> checkTokens(data, input, embedding, samples.source(),
                location, path));
        return data;
    }

    /** Token ids must be rows of the embedding that looks them up. */
    private static void checkTokens(Dataset data, String input, EmbeddedInputs.Embedding embedding, String source,
                                    String location, String path) {
        String name = data.inputNames().size() == 1 ? data.inputNames().get(0) : input;
        for (int i = 0; i < data.size(); i++) {
            float[] ids = data.input(name, i);
            for (int t = 0; t < ids.length; t++) {
                float id = ids[t];
                if (!(id >= 0 && id < embedding.vocabulary() && id == Math.rint(id))) {
                    throw ConfigException.at(location, path, "token id " + format(id) + " of sample " + i
                            + (ids.length > 1 ? " at step " + t : "") + " in " + source + " is outside the vocabulary of "
                            + embedding.layer() + " (embedding, vocabulary " + embedding.vocabulary() + ")");
                }
            }
        }
    }

    /**
     * @param samples the samples as read
     * @param inputs the model's per-sample input shapes, by name
     * @param output the model's per-sample output shape
     * @param location where the source was configured, such as {@code config.yaml:7}
     * @param path the source's key path, such as {@code data.train}
     * @return the dataset the model trains or is measured on
     * @throws ConfigException if an input or the targets do not fit the model, or a label is not a
     *     class of the model, naming the source and the sample
     */
    public static Dataset fit(SampleSet samples, Map<String, Shape> inputs, Shape output, String location, String path) {
        DatasetBuilder data = Dataset.builder();
        PerBatchPadding padding = PerBatchPadding.of(samples);
        if (inputs.size() == 1) {
            Map.Entry<String, Shape> only = inputs.entrySet().iterator().next();
            Map.Entry<String, SampleSet.Column> first = samples.inputs().entrySet().iterator().next();
            SampleSet.Column column = padding == null ? first.getValue() : padding.input(first.getValue(), only.getValue());
            data.input(only.getKey(), fitted(column, only.getValue(), samples, location, path,
                    samples.inputs().size() == 1 ? "samples" : "input '" + first.getKey() + "'", "model.input"), only.getValue());
        } else {
            inputs.forEach((name, shape) -> {
                SampleSet.Column column = samples.inputs().get(name);
                if (column == null) {
                    throw ConfigException.at(location, path, "the model takes an input '" + name + "', but "
                            + samples.source() + " gives " + samples.inputs().keySet());
                }
                column = padding == null ? column : padding.input(column, shape);
                data.input(name, fitted(column, shape, samples, location, path, "input '" + name + "'",
                        "the model's input '" + name + "'"), shape);
            });
        }
        Dataset fitted = targets(data, samples, padding, output, location, path);
        return padding == null ? fitted : padding.apply(fitted);
    }

    /** @return the column, checked to fit the model's input; bytes stay bytes */
    private static SampleSet.Column fitted(SampleSet.Column column, Shape input, SampleSet samples, String location, String path,
                                  String what, String modelInput) {
        if (column.shape().rank() == 3 && input.rank() == 3 && column.shape().dim(0) != input.dim(0)) {
            // name the channels: images of the right size would otherwise be silently re-read as other pixels
            throw ConfigException.at(location, path, what + " of shape " + column.shape() + " from "
                    + samples.source() + " have " + column.shape().dim(0) + " channel" + (column.shape().dim(0) == 1
                    ? "" : "s") + ", but " + modelInput + " " + input + " takes " + input.dim(0));
        }
        if (column.shape().size() != input.size()) {
            throw ConfigException.at(location, path, what + " of shape " + column.shape() + " ("
                    + column.shape().size() + " values) from " + samples.source() + " do not fit " + modelInput + " "
                    + input + " (" + input.size() + " values)");
        }
        return column;
    }

    private static Dataset targets(DatasetBuilder data, SampleSet samples, PerBatchPadding padding, Shape output,
                                   String location, String path) {
        SampleSet.Column column = padding == null ? samples.targets()
                : padding.targets(samples.targets(), samples.classes() > 0);
        Shape target = column.shape();
        float[] labels = column.values();
        if (target.rank() > 0 && samples.classes() > 0) {
            if (output.rank() != target.rank() + 1 || !output.sub(0, target.rank()).equals(target)) {
                throw ConfigException.at(location, path, samples.source() + " has a class per step " + target
                        + ", so the model's output must be " + target.toString().replace("]", ", classes]")
                        + ", not " + output);
            }
            int classes = output.dim(-1);
            checkLabels(labels, classes, samples, location, path, target.intSize());
            return data.classes(labels, target, classes).build();
        }
        if (target.rank() == 0 && isClassifier(output)) {
            int classes = output.dim(0);
            checkLabels(labels, classes, samples, location, path, 1);
            return data.classes(labels, classes).build();
        }
        if (output.size() != target.size()) {
            throw ConfigException.at(location, path, "the model gives " + output + " values per sample, but "
                    + samples.source() + (target.rank() == 0 ? " has one label per sample" : " has targets of shape " + target));
        }
        return data.values(labels, output).build();
    }

    private static void checkLabels(float[] labels, int classes, SampleSet samples, String location, String path,
                                    int perSample) {
        for (int i = 0; i < labels.length; i++) {
            float label = labels[i];
            boolean ignored = perSample > 1 && label == Loss.IGNORE_INDEX;
            if (!ignored && !(label >= 0 && label < classes && label == Math.rint(label))) {
                throw ConfigException.at(location, path, "label " + format(label) + " of sample " + i / perSample
                        + (perSample > 1 ? " at step " + i % perSample : "") + " in " + samples.source()
                        + " is not a class of the model, whose " + classes + " outputs are classes 0 to " + (classes - 1));
            }
        }
    }

    /** @return inputs as {@code tokens [16], mask [16]} */
    public static String describe(Map<String, Shape> inputs) {
        StringBuilder b = new StringBuilder();
        inputs.forEach((name, shape) -> b.append(b.length() == 0 ? "" : ", ").append(name).append(' ').append(shape));
        return b.toString();
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
