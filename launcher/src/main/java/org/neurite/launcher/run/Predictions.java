package org.neurite.launcher.run;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.neurite.api.GradScope;
import org.neurite.api.Mode;
import org.neurite.api.Shape;
import org.neurite.api.Tensor;
import org.neurite.engine.CpuBackend;
import org.neurite.engine.io.Json;
import org.neurite.engine.inference.Prediction;
import org.neurite.engine.inference.Predictor;
import org.neurite.engine.inference.Preprocessing;
import org.neurite.engine.nn.Model;
import org.neurite.launcher.config.ConfigException;

/**
 * Runs a saved model on rows of raw inputs and prints, per row, the predicted class (by name
 * when the model names its classes) and the class probabilities. The model's pre-processing is
 * applied first. A classifier of one input predicts through the engine's {@link Predictor}, so
 * the command line and Java give the same answers; how outputs become probabilities follows the
 * loss the model was trained with (softmax after {@code cross_entropy}, the exponential after
 * {@code nll}, the sigmoid after {@code binary_cross_entropy_with_logits}). Models trained with
 * other losses, and models of several inputs, print their raw outputs, with the arg-max as the
 * class when there are several.
 */
public final class Predictions {

    private static final Set<String> PROBABILITY_LOSSES = Set.of("cross_entropy", "nll",
            "binary_cross_entropy_with_logits", "binary_cross_entropy");
    private static final int BATCH = 256;

    private final Model model;
    private final String loss;
    private final Preprocessing preprocessing;
    private final List<String> classNames;
    private final Predictor predictor;

    /**
     * @param saved the model with what it was saved with
     */
    public Predictions(SavedModel saved) {
        this.model = saved.model();
        this.loss = saved.loss() == null ? "" : saved.loss().name();
        this.preprocessing = saved.preprocessing() == null ? Preprocessing.NONE : saved.preprocessing();
        this.classNames = saved.classNames();
        this.predictor = model.inputShapes().size() == 1 && givesProbabilities() ? predictorOf(saved) : null;
    }

    /** The engine's predictor, or {@code null} for outputs it does not read as classes (they print raw). */
    private static Predictor predictorOf(SavedModel saved) {
        try {
            return saved.predictor();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** @return whether the outputs are turned into probabilities */
    public boolean givesProbabilities() {
        return PROBABILITY_LOSSES.contains(loss);
    }

    /**
     * @param inputs each input's raw rows, back to back, by name (see {@link Model#inputShapes()})
     * @return the probabilities (or outputs) of each row
     */
    public float[][] compute(Map<String, float[]> inputs) {
        Map<String, Shape> shapes = model.inputShapes();
        Map.Entry<String, Shape> first = shapes.entrySet().iterator().next();
        int features = first.getValue().intSize();
        int rows = inputs.get(first.getKey()).length / features;
        if (predictor != null) {
            float[] all = inputs.get(first.getKey());
            float[][] out = new float[rows][];
            for (int from = 0; from < rows; from += BATCH) {
                int n = Math.min(BATCH, rows - from);
                float[][] batch = new float[n][];
                for (int i = 0; i < n; i++) {
                    batch[i] = java.util.Arrays.copyOfRange(all, (from + i) * features, (from + i + 1) * features);
                }
                List<Prediction> predicted = predictor.predictBatch(batch);
                for (int i = 0; i < n; i++) {
                    out[from + i] = probabilities(predicted.get(i));
                }
            }
            return out;
        }
        int width = model.outputShape().intSize();
        float[][] out = new float[rows][];
        CpuBackend backend = CpuBackend.instance();
        try (GradScope scope = backend.noGrad()) {
            for (int from = 0; from < rows; from += BATCH) {
                int n = Math.min(BATCH, rows - from);
                Map<String, Tensor> batch = new LinkedHashMap<>();
                for (Map.Entry<String, Shape> input : shapes.entrySet()) {
                    int length = input.getValue().intSize();
                    float[] chunk = new float[n * length];
                    System.arraycopy(inputs.get(input.getKey()), from * length, chunk, 0, chunk.length);
                    if (shapes.size() == 1) {
                        preprocessing.apply(chunk, length);
                    }
                    batch.put(input.getKey(), backend.tensor(chunk, input.getValue().prepend(n)));
                }
                Tensor y = model.forward(batch, Mode.INFERENCE);
                Tensor p = switch (loss) {
                    case "cross_entropy" -> backend.softmax(y.reshape(n, width), 1);
                    case "nll" -> y.exp();
                    case "binary_cross_entropy_with_logits" -> y.sigmoid();
                    default -> y;
                };
                float[] values = p.toArray();
                for (int i = 0; i < n; i++) {
                    float[] row = new float[width];
                    System.arraycopy(values, i * width, row, 0, width);
                    out[from + i] = row;
                }
            }
        }
        return out;
    }

    /**
     * @param files image files, each of the model's input size
     * @return the class probabilities of each
     * @throws IOException if a file cannot be read
     * @throws ConfigException if the model is not a classifier of one input
     * @throws IllegalArgumentException if a file is not an image of the model's size, naming it
     */
    public float[][] computeImages(List<Path> files) throws IOException {
        if (predictor == null) {
            throw new ConfigException(files.get(0).toString(), "image files need a classifier of one input (trained"
                    + " with cross_entropy, nll or a binary cross-entropy); this model has inputs "
                    + model.inputShapes() + " and the loss " + (loss.isEmpty() ? "(none saved)" : loss));
        }
        List<Prediction> predicted = predictor.predictImages(files);
        float[][] out = new float[predicted.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = probabilities(predicted.get(i));
        }
        return out;
    }

    /** A binary model prints the probability of class 1 alone, as its one output. */
    private float[] probabilities(Prediction p) {
        float[] all = p.probabilities();
        return model.outputShape().intSize() == 1 ? new float[] {all[1]} : all;
    }

    /**
     * @param row a row's probabilities (or outputs)
     * @return its class: the arg-max, or for one probability whether it is at least 0.5; -1
     *     for one raw output, which names no class
     */
    public int classOf(float[] row) {
        if (row.length == 1) {
            return givesProbabilities() ? (row[0] >= 0.5f ? 1 : 0) : -1;
        }
        int best = 0;
        for (int j = 1; j < row.length; j++) {
            if (row[j] > row[best]) {
                best = j;
            }
        }
        return best;
    }

    /**
     * Prints the predictions as text, JSON ({@code [{"row": 1, "class": 2, "probabilities": [...]}, ...]},
     * {@code outputs} for a model that gives no probabilities) or CSV ({@code row,class,p(0),...}).
     *
     * @param rows the rows' probabilities (or outputs)
     * @param format how
     * @param out where to print
     */
    public void print(float[][] rows, OutputFormat format, PrintWriter out) {
        print(rows, null, format, out);
    }

    /**
     * Prints the predictions as {@link #print(float[][], OutputFormat, PrintWriter)} does, each row
     * with its name too when there are names: {@code "file"} in JSON, a {@code file} column in CSV.
     *
     * @param rows the rows' probabilities (or outputs)
     * @param rowNames a name per row, such as its file, or {@code null} to number them only
     * @param format how
     * @param out where to print
     */
    public void print(float[][] rows, List<String> rowNames, OutputFormat format, PrintWriter out) {
        switch (format) {
            case JSON -> {
                List<Map<String, Object>> list = new ArrayList<>();
                for (int i = 0; i < rows.length; i++) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("row", i + 1);
                    if (rowNames != null) {
                        row.put("file", rowNames.get(i));
                    }
                    int c = classOf(rows[i]);
                    if (c >= 0) {
                        row.put("class", c);
                        if (className(c, rows[i].length) != null) {
                            row.put("class_name", className(c, rows[i].length));
                        }
                    }
                    List<Double> values = new ArrayList<>();
                    for (float v : rows[i]) {
                        values.add((double) v);
                    }
                    row.put(givesProbabilities() ? "probabilities" : "outputs", values);
                    list.add(row);
                }
                out.println(Json.write(list));
            }
            case CSV -> {
                int width = rows.length == 0 ? 0 : rows[0].length;
                boolean named = width > 0 && className(0, width) != null;
                StringBuilder header = new StringBuilder(rowNames == null ? "row" : "row,file")
                        .append(named ? ",class,class_name" : ",class");
                for (int j = 0; j < width; j++) {
                    header.append(',').append(givesProbabilities() ? "p(" + (width == 1 ? 1 : j) + ")" : "out" + j);
                }
                out.println(header);
                for (int i = 0; i < rows.length; i++) {
                    int c = classOf(rows[i]);
                    StringBuilder line = new StringBuilder().append(i + 1);
                    if (rowNames != null) {
                        line.append(',').append(EvaluationReport.csvField(rowNames.get(i)));
                    }
                    line.append(',').append(c < 0 ? "" : c);
                    if (named) {
                        line.append(',').append(c < 0 ? "" : EvaluationReport.csvField(className(c, width)));
                    }
                    for (float v : rows[i]) {
                        line.append(',').append(v);
                    }
                    out.println(line);
                }
            }
            default -> print(rows, rowNames, out);
        }
        out.flush();
    }

    /** The name of class {@code c} for rows of {@code width} values, or null when the model names no classes. */
    private String className(int c, int width) {
        boolean named = classNames != null && givesProbabilities() && classNames.size() == (width == 1 ? 2 : width);
        return named ? classNames.get(c) : null;
    }

    /**
     * Prints a header and one line per row: its number from 1, its class and its values.
     *
     * @param rows the rows' probabilities (or outputs)
     * @param out where to print
     */
    public void print(float[][] rows, PrintWriter out) {
        print(rows, (List<String>) null, out);
    }

    /**
     * Prints a header and one line per row: its name (or number from 1), its class (by name when
     * the model names its classes) and its values.
     *
     * @param rows the rows' probabilities (or outputs)
     * @param rowNames a name per row, such as its file, or {@code null} to number them
     * @param out where to print
     */
    public void print(float[][] rows, List<String> rowNames, PrintWriter out) {
        int width = rows.length == 0 ? 0 : rows[0].length;
        boolean named = classNames != null && givesProbabilities() && classNames.size() == (width == 1 ? 2 : width);
        int rowWidth = rowNames == null ? 5 : Math.max(4, rowNames.stream().mapToInt(String::length).max().orElse(4));
        int classWidth = named ? Math.max(5, classNames.stream().mapToInt(String::length).max().orElse(5)) : 5;
        String rowFormat = rowNames == null ? "%" + rowWidth + "s" : "%-" + rowWidth + "s";
        String classFormat = named ? "  %-" + classWidth + "s" : "  %" + classWidth + "s";
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, rowFormat + classFormat,
                rowNames == null ? "row" : "file", "class"));
        int[] columns = new int[width];
        for (int j = 0; j < width; j++) {
            String name = !givesProbabilities() ? "out" + j
                    : width == 1 ? "p(" + (named ? classNames.get(1) : "1") + ")"
                    : "p(" + (named ? classNames.get(j) : j) + ")";
            columns[j] = Math.max(8, name.length());
            header.append(String.format(Locale.ROOT, "  %" + columns[j] + "s", name));
        }
        out.println(header);
        for (int i = 0; i < rows.length; i++) {
            int c = classOf(rows[i]);
            String label = c < 0 ? "-" : named ? classNames.get(c) : Integer.toString(c);
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, rowFormat + classFormat,
                    rowNames == null ? Integer.toString(i + 1) : rowNames.get(i), label));
            for (int j = 0; j < rows[i].length; j++) {
                line.append(String.format(Locale.ROOT, "  %" + columns[j] + ".4f", rows[i][j]));
            }
            out.println(line);
        }
        out.flush();
    }
}
