package org.neurite.plugins.perceptron;

import java.util.List;

import org.neurite.api.OptionException;
import org.neurite.api.Options;

/**
 * Reads fixed numbers from a config: a matrix with one row per unit ({@code [[1, 1], [-1, -1]]},
 * or a flat list for a single unit) and one number per unit (a list, or a single number for all).
 * Errors name the exact element, such as {@code model.layers[0].weights[1][0]}.
 */
final class WeightRows {

    private WeightRows() {
    }

    /**
     * @param options the layer's options
     * @param key a required key holding rows of numbers, or one flat row
     * @return the rows, each of the same non-zero length
     * @throws OptionException if missing, empty, ragged or holding something other than finite numbers
     */
    static float[][] matrix(Options options, String key) {
        Object value = options.raw(key);
        if (value == null) {
            throw new OptionException(options.pathOf(key), "is required but missing");
        }
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            throw new OptionException(options.pathOf(key), "expected rows of numbers such as [[1, 1]], one per unit, got "
                    + value);
        }
        if (!(list.get(0) instanceof List<?>)) {
            return new float[][] {row(options, key, list)};
        }
        float[][] rows = new float[list.size()][];
        for (int u = 0; u < rows.length; u++) {
            String at = key + "[" + u + "]";
            if (!(list.get(u) instanceof List<?> row)) {
                throw new OptionException(options.pathOf(at), "expected a list of numbers (the weights of unit " + u
                        + "), got " + list.get(u));
            }
            rows[u] = row(options, at, row);
            if (rows[u].length != rows[0].length) {
                throw new OptionException(options.pathOf(at), "has " + rows[u].length + " weights but unit 0 has "
                        + rows[0].length + "; every unit takes the same inputs");
            }
        }
        return rows;
    }

    /**
     * @param options the layer's options
     * @param key a required key holding a list of numbers, or one number
     * @param count how many numbers are expected
     * @return exactly {@code count} numbers; a single number is repeated
     * @throws OptionException if missing, of another length, or holding something other than finite numbers
     */
    static float[] perUnit(Options options, String key, int count) {
        Object value = options.raw(key);
        if (value == null) {
            throw new OptionException(options.pathOf(key), "is required but missing");
        }
        if (value instanceof List<?> list) {
            if (list.size() != count) {
                throw new OptionException(options.pathOf(key), "expected " + count + " number" + (count == 1 ? "" : "s")
                        + " (one per unit, as the weights have " + count + " row" + (count == 1 ? "" : "s") + "), got "
                        + list.size());
            }
            return row(options, key, list);
        }
        float[] all = new float[count];
        java.util.Arrays.fill(all, number(options, key, value));
        return all;
    }

    private static float[] row(Options options, String key, List<?> list) {
        if (list.isEmpty()) {
            throw new OptionException(options.pathOf(key), "must hold at least one number");
        }
        float[] row = new float[list.size()];
        for (int i = 0; i < row.length; i++) {
            row[i] = number(options, key + "[" + i + "]", list.get(i));
        }
        return row;
    }

    private static float number(Options options, String key, Object value) {
        if (!(value instanceof Number n) || !Double.isFinite(n.doubleValue())) {
            throw new OptionException(options.pathOf(key), "expected a finite number, got " + value);
        }
        return n.floatValue();
    }
}
