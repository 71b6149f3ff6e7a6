package org.neurite.engine.inference;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How raw inputs become what a model was trained on, saved with the model under the key
 * {@value #KEY}: every value is divided by {@code scale}, then, where given, normalised per
 * feature as {@code (x - mean) / std} (one mean and std for all features, or one per feature).
 *
 * <pre>{@code "preprocessing": {"scale": 255}}</pre>
 *
 * @param scale the divisor of raw values (1 for none)
 * @param mean subtracted after scaling; empty for none
 * @param std divides after subtracting the mean; empty for none, else as long as {@code mean}
 */
public record Preprocessing(double scale, float[] mean, float[] std) {

    /** The key of a model file's entry. */
    public static final String KEY = "preprocessing";

    /** Raw values are used as they are. */
    public static final Preprocessing NONE = new Preprocessing(1, new float[0], new float[0]);

    /**
     * @param scale the divisor of raw values
     * @return pre-processing that only divides by {@code scale}
     */
    public static Preprocessing scale(double scale) {
        return new Preprocessing(scale, new float[0], new float[0]);
    }

    /** Checks that the scale is positive and the mean and std agree in length. */
    public Preprocessing {
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("preprocessing.scale: expected a positive number, got " + scale);
        }
        if (mean.length != std.length) {
            throw new IllegalArgumentException("preprocessing: mean has " + mean.length + " values but std has "
                    + std.length);
        }
    }

    /**
     * Applies the pre-processing to a batch of rows in place.
     *
     * @param values rows of {@code featureCount} values each
     * @param featureCount values per row
     * @throws IllegalArgumentException if a per-feature mean does not fit the row length
     */
    public void apply(float[] values, int featureCount) {
        if (mean.length > 1 && mean.length != featureCount) {
            throw new IllegalArgumentException("preprocessing: " + mean.length + " means for inputs of " + featureCount
                    + " values");
        }
        float inverse = (float) (1 / scale);
        for (int i = 0; i < values.length; i++) {
            float x = values[i] * inverse;
            if (mean.length > 0) {
                int f = mean.length == 1 ? 0 : i % featureCount;
                x = (x - mean[f]) / std[f];
            }
            values[i] = x;
        }
    }

    /** @return the entry as a model file holds it */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("scale", scale);
        if (mean.length > 0) {
            json.put("mean", floats(mean));
            json.put("std", floats(std));
        }
        return json;
    }

    /**
     * Reads the entry of a model file.
     *
     * @param value the value under {@value #KEY}, or {@code null} for {@link #NONE}
     * @param source the file, for messages
     * @return the pre-processing
     * @throws IllegalArgumentException if the entry is malformed, naming the file and key
     */
    public static Preprocessing fromJson(Object value, String source) {
        if (value == null) {
            return NONE;
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(source + ": " + KEY + ": expected an object, found " + value);
        }
        Object scale = map.containsKey("scale") ? map.get("scale") : 1.0;
        if (!(scale instanceof Number n)) {
            throw new IllegalArgumentException(source + ": " + KEY + ".scale: expected a number, found " + scale);
        }
        try {
            return new Preprocessing(n.doubleValue(), floats(map.get("mean"), source, "mean"),
                    floats(map.get("std"), source, "std"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    private static List<Double> floats(float[] values) {
        List<Double> list = new ArrayList<>(values.length);
        for (float v : values) {
            list.add((double) v);
        }
        return list;
    }

    private static float[] floats(Object value, String source, String key) {
        if (value == null) {
            return new float[0];
        }
        if (value instanceof Number n) {
            return new float[] {n.floatValue()};
        }
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException(source + ": " + KEY + "." + key + ": expected a number or a list of numbers, found " + value);
        }
        float[] out = new float[list.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(list.get(i) instanceof Number n)) {
                throw new IllegalArgumentException(source + ": " + KEY + "." + key + "[" + i + "]: expected a number, found "
                        + list.get(i));
            }
            out[i] = n.floatValue();
        }
        return out;
    }
}
