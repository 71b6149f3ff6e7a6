package org.neurite.engine.inference;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.neurite.api.Shape;
import org.neurite.engine.kernel.ScaledCopy;

/**
 * How raw inputs become what a model was trained on, saved with the model under the key
 * {@value #KEY}: every value is divided by {@code scale}, then, where given, normalised as
 * {@code (x - mean) / std} with one mean and std for all values, one per channel (the first
 * axis of a {@code [channels, height, width]} input) or one per value.
 *
 * <pre>{@code "preprocessing": {"scale": 255, "mean": [0.286], "std": [0.353]}}</pre>
 *
 * <p>A mean of {@code k} values splits each input into {@code k} equal blocks in row-major
 * order, block {@code i} taking {@code mean[i]} and {@code std[i]}: one block is the whole
 * input, one block per channel is a channel's plane, one per value is each value.
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

    /** Which values share one mean and standard deviation when they are computed from data. */
    public enum Normalization {
        /** No normalisation. */
        NONE,
        /** One mean and std over every value of every input. */
        GLOBAL,
        /** One per channel: the first axis of a rank-3 input {@code [C, H, W]}; one for inputs of lower rank. */
        PER_CHANNEL,
        /** One per value of the input. */
        PER_FEATURE;

        /** @return the name in configs, such as {@code per_channel} */
        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * @param input the per-sample input shape
         * @return how many means this normalisation keeps for such inputs (0 for none)
         */
        public int groups(Shape input) {
            return switch (this) {
                case NONE -> 0;
                case GLOBAL -> 1;
                case PER_CHANNEL -> input.rank() == 3 ? input.dim(0) : 1;
                case PER_FEATURE -> input.intSize();
            };
        }
    }

    /**
     * @param scale the divisor of raw values
     * @return pre-processing that only divides by {@code scale}
     */
    public static Preprocessing scale(double scale) {
        return new Preprocessing(scale, new float[0], new float[0]);
    }

    /** Checks that the scale is positive and the mean and std agree in length, the std positive. */
    public Preprocessing {
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("preprocessing.scale: expected a positive number, got " + scale);
        }
        if (mean.length != std.length) {
            throw new IllegalArgumentException("preprocessing: mean has " + mean.length + " values but std has "
                    + std.length);
        }
        for (int i = 0; i < std.length; i++) {
            if (!(std[i] > 0) || !Float.isFinite(std[i]) || !Float.isFinite(mean[i])) {
                throw new IllegalArgumentException("preprocessing: std[" + i + "] must be positive and mean[" + i
                        + "] finite, got std " + std[i] + ", mean " + mean[i]);
            }
        }
    }

    /**
     * Computes the mean and standard deviation of inputs that are already scaled (the training
     * data as the model sees it), as {@code normalization} groups them.
     *
     * @param scale the divisor the inputs were scaled by
     * @param scaled the inputs, already divided by {@code scale}, back to back
     * @param input the per-sample input shape
     * @param normalization which values share a mean
     * @return the pre-processing: {@code scale} and the statistics
     * @throws IllegalArgumentException if there are no whole inputs
     */
    public static Preprocessing fit(double scale, float[] scaled, Shape input, Normalization normalization) {
        InputStatistics statistics = new InputStatistics(input, normalization);
        int features = input.intSize();
        if (scaled.length % features != 0) {
            throw new IllegalArgumentException("preprocessing: " + scaled.length + " values are not whole inputs of "
                    + input);
        }
        for (int from = 0; from < scaled.length; from += features) {
            statistics.add(scaled, from);
        }
        return statistics.preprocessing(scale);
    }

    /** @return whether a mean and std are applied after scaling */
    public boolean normalizes() {
        return mean.length > 0;
    }

    /**
     * Applies the pre-processing to a batch of raw rows in place: scale, then normalise.
     *
     * @param values rows of {@code featureCount} values each
     * @param featureCount values per row
     * @throws IllegalArgumentException if the mean does not fit the row length
     */
    public void apply(float[] values, int featureCount) {
        if (scale != 1) {
            float inverse = (float) (1 / scale);
            for (int i = 0; i < values.length; i++) {
                values[i] *= inverse;
            }
        }
        normalize(values, featureCount);
    }

    /**
     * Writes one raw input, pre-processed, into a batch: the copy and the pre-processing in one pass.
     *
     * @param raw one input's raw values (left unchanged)
     * @param into the batch
     * @param offset where the input goes in the batch
     * @throws IllegalArgumentException if the mean does not fit the input's length
     */
    public void applyInto(float[] raw, float[] into, int offset) {
        applyIntoFinite(raw, into, offset);
    }

    /**
     * As {@link #applyInto}, and says whether every value written is finite: the check for NaN
     * and infinities made in the same pass, while the values are in registers.
     *
     * @param raw one input's raw values (left unchanged)
     * @param into the batch
     * @param offset where the input goes in the batch
     * @return whether every pre-processed value is finite
     * @throws IllegalArgumentException if the mean does not fit the input's length
     */
    public boolean applyIntoFinite(float[] raw, float[] into, int offset) {
        int featureCount = raw.length;
        float inverse = (float) (1 / scale);
        if (mean.length == 0) {
            // (x * inverse - 0) * 1 rounds as x * inverse does
            return ScaledCopy.into(raw, 0, into, offset, featureCount, inverse, 0f, 1f);
        }
        if (featureCount % mean.length != 0) {
            throw new IllegalArgumentException("preprocessing: " + mean.length + " means do not divide inputs of "
                    + featureCount + " values");
        }
        int block = featureCount / mean.length;
        boolean finite = true;
        for (int g = 0; g < mean.length; g++) {
            finite &= ScaledCopy.into(raw, g * block, into, offset + g * block, block, inverse, mean[g], 1 / std[g]);
        }
        return finite;
    }

    /**
     * Applies only the normalisation, in place, to rows already scaled (as data readers scale them).
     *
     * @param values rows of {@code featureCount} values each
     * @param featureCount values per row
     * @throws IllegalArgumentException if the mean does not fit the row length
     */
    public void normalize(float[] values, int featureCount) {
        if (mean.length == 0) {
            return;
        }
        if (featureCount % mean.length != 0) {
            throw new IllegalArgumentException("preprocessing: " + mean.length + " means do not divide inputs of "
                    + featureCount + " values");
        }
        int block = featureCount / mean.length;
        for (int row = 0; row < values.length; row += featureCount) {
            for (int g = 0; g < mean.length; g++) {
                float m = mean[g];
                float inverse = 1 / std[g];
                int from = row + g * block;
                for (int i = from; i < from + block; i++) {
                    values[i] = (values[i] - m) * inverse;
                }
            }
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

    @Override
    public boolean equals(Object o) {
        return o instanceof Preprocessing p && p.scale == scale && java.util.Arrays.equals(p.mean, mean)
                && java.util.Arrays.equals(p.std, std);
    }

    @Override
    public int hashCode() {
        return Double.hashCode(scale) * 31 + java.util.Arrays.hashCode(mean) * 17 + java.util.Arrays.hashCode(std);
    }
}
