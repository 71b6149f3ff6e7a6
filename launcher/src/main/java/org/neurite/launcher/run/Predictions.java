package org.neurite.launcher.run;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.neurite.api.GradScope;
import org.neurite.api.Loss;
import org.neurite.api.Mode;
import org.neurite.api.Shape;
import org.neurite.api.Tensor;
import org.neurite.engine.CpuBackend;
import org.neurite.engine.io.Json;
import org.neurite.engine.nn.Model;

/**
 * Runs a model on rows of inputs and prints, per row, the predicted class and the class
 * probabilities. How outputs become probabilities follows the loss the model was trained with:
 * softmax after {@code cross_entropy}, the exponential after {@code nll} (log-probabilities),
 * the sigmoid after {@code binary_cross_entropy_with_logits}, as they are after
 * {@code binary_cross_entropy}. Models trained with other losses print their raw outputs, with
 * the arg-max as the class when there are several.
 */
public final class Predictions {

    private static final Set<String> PROBABILITY_LOSSES = Set.of("cross_entropy", "nll",
            "binary_cross_entropy_with_logits", "binary_cross_entropy");
    private static final int BATCH = 256;

    private final Model model;
    private final String loss;

    /**
     * @param model the model
     * @param loss the loss it was trained with, or {@code null} if unknown
     */
    public Predictions(Model model, Loss loss) {
        this.model = model;
        this.loss = loss == null ? "" : loss.name();
    }

    /** @return whether the outputs are turned into probabilities */
    public boolean givesProbabilities() {
        return PROBABILITY_LOSSES.contains(loss);
    }

    /**
     * @param inputs each input's rows, back to back, by name (see {@link Model#inputShapes()})
     * @return the probabilities (or outputs) of each row
     */
    public float[][] compute(Map<String, float[]> inputs) {
        Map<String, Shape> shapes = model.inputShapes();
        Map.Entry<String, Shape> first = shapes.entrySet().iterator().next();
        int rows = inputs.get(first.getKey()).length / first.getValue().intSize();
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
        switch (format) {
            case JSON -> {
                List<Map<String, Object>> list = new ArrayList<>();
                for (int i = 0; i < rows.length; i++) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("row", i + 1);
                    int c = classOf(rows[i]);
                    if (c >= 0) {
                        row.put("class", c);
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
                StringBuilder header = new StringBuilder("row,class");
                for (int j = 0; j < width; j++) {
                    header.append(',').append(givesProbabilities() ? "p(" + (width == 1 ? 1 : j) + ")" : "out" + j);
                }
                out.println(header);
                for (int i = 0; i < rows.length; i++) {
                    int c = classOf(rows[i]);
                    StringBuilder line = new StringBuilder().append(i + 1).append(',').append(c < 0 ? "" : c);
                    for (float v : rows[i]) {
                        line.append(',').append(v);
                    }
                    out.println(line);
                }
            }
            default -> print(rows, out);
        }
        out.flush();
    }

    /**
     * Prints a header and one line per row: its number from 1, its class and its values.
     *
     * @param rows the rows' probabilities (or outputs)
     * @param out where to print
     */
    public void print(float[][] rows, PrintWriter out) {
        int width = rows.length == 0 ? 0 : rows[0].length;
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%5s  %5s", "row", "class"));
        for (int j = 0; j < width; j++) {
            String name = givesProbabilities() ? (width == 1 ? "p(1)" : "p(" + j + ")") : "out" + j;
            header.append(String.format(Locale.ROOT, "  %8s", name));
        }
        out.println(header);
        for (int i = 0; i < rows.length; i++) {
            int c = classOf(rows[i]);
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%5d  %5s", i + 1, c < 0 ? "-" : c));
            for (float v : rows[i]) {
                line.append(String.format(Locale.ROOT, "  %8.4f", v));
            }
            out.println(line);
        }
        out.flush();
    }
}
