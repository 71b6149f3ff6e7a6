package org.neurite.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Samples as a {@link DataSource} reads them: one or more named inputs and one target per
 * sample, each a row of floats of a fixed per-sample shape. Token ids are floats holding whole
 * numbers; a padding mask is an input of {@code [time]} holding 1 at real steps and 0 at padding.
 *
 * <p>Targets are either class indices ({@link #classes()} {@code > 0}), one per sample
 * ({@code []}) or one per step ({@code [time]}, with {@link Loss#IGNORE_INDEX} at padded steps),
 * or values of any shape (regression, {@code classes() == 0}).
 *
 * <p>The arrays are held as given, without copying: do not change them afterwards.
 */
public final class SampleSet {

    /**
     * One named row per sample.
     *
     * @param values the rows of all samples, back to back
     * @param shape the shape of one sample's row
     */
    public record Column(float[] values, Shape shape) {

        /**
         * Validates the components.
         *
         * @param values the rows
         * @param shape the shape of one row
         */
        public Column {
            Objects.requireNonNull(values, "values");
            Objects.requireNonNull(shape, "shape");
        }

        /** @return how many rows the values hold */
        public int rows() {
            int length = shape.intSize();
            return length == 0 ? 0 : values.length / length;
        }
    }

    /**
     * Samples in two parts.
     *
     * @param train the samples trained on
     * @param heldOut the samples held out, for validation
     */
    public record Split(SampleSet train, SampleSet heldOut) {
    }

    private final String source;
    private final Map<String, Column> inputs;
    private final Column targets;
    private final int classes;
    private final Map<String, Object> info;
    private final String paddingMask;

    private SampleSet(String source, Map<String, Column> inputs, Column targets, int classes, Map<String, Object> info,
                      String paddingMask) {
        this.source = source;
        this.inputs = inputs;
        this.targets = targets;
        this.classes = classes;
        this.info = info;
        this.paddingMask = paddingMask;
    }

    /**
     * Creates a sample set.
     *
     * @param source what the samples were read from, for messages (such as the file)
     * @param inputs the inputs by name, in the order a model takes them; at least one
     * @param targets the targets
     * @param classes the number of classes when the targets are class indices, else 0
     * @param info what a model trained on these samples needs to be used again, as plain JSON
     *     values (maps, lists, strings, numbers, booleans), such as {@code vocabulary}: the token of each id
     * @return the set
     * @throws IllegalArgumentException if there is no input, a column's length does not divide
     *     into its rows, or the columns hold different numbers of samples
     */
    public static SampleSet of(String source, Map<String, Column> inputs, Column targets, int classes,
                               Map<String, ?> info) {
        Objects.requireNonNull(source, "source");
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException(source + ": samples need at least one input");
        }
        if (classes < 0) {
            throw new IllegalArgumentException(source + ": the number of classes must be 0 (values) or more, got " + classes);
        }
        int size = rows(source, "targets", targets);
        inputs.forEach((name, column) -> {
            if (rows(source, "input '" + name + "'", column) != size) {
                throw new IllegalArgumentException(source + ": input '" + name + "' holds " + column.rows()
                        + " samples, the targets " + size);
            }
        });
        return new SampleSet(source, Collections.unmodifiableMap(new LinkedHashMap<>(inputs)), targets, classes,
                Collections.unmodifiableMap(new LinkedHashMap<>(info)), null);
    }

    /**
     * Marks these samples as sequences padded at their end to the longest of them, to be padded
     * per batch instead: the host cuts every batch to the longest sequence in that batch. Each
     * input whose first axis is as long as the mask's (such as {@code tokens [time]} or
     * {@code features [time, features]}), and the targets when their first axis is, keep only
     * the batch's first {@code L} steps, where {@code L} is one past the last real step of any
     * of its samples. A model fed such samples takes sequences of any length up to the one its
     * input declares.
     *
     * @param mask the name of the input {@code [time]} holding 1 at real steps and 0 at padding
     * @return the same samples, marked
     * @throws IllegalArgumentException if there is no such input, or it is not of rank 1
     */
    public SampleSet paddedPerBatch(String mask) {
        Column column = inputs.get(mask);
        if (column == null || column.shape().rank() != 1) {
            throw new IllegalArgumentException(source + ": the padding mask must be an input of shape [time], found "
                    + (column == null ? "no input '" + mask + "' among " + inputs.keySet() : column.shape()));
        }
        return new SampleSet(source, inputs, targets, classes, info, mask);
    }

    /**
     * @return the name of the mask input when batches are cut to their longest sequence
     *     ({@link #paddedPerBatch}), else empty
     */
    public Optional<String> paddingMask() {
        return Optional.ofNullable(paddingMask);
    }

    private static int rows(String source, String what, Column column) {
        int length = column.shape().intSize();
        if (length == 0 || column.values().length % length != 0) {
            throw new IllegalArgumentException(source + ": " + what + " of " + column.values().length
                    + " values do not divide into rows of shape " + column.shape());
        }
        return column.rows();
    }

    /** @return what the samples were read from */
    public String source() {
        return source;
    }

    /** @return the number of samples */
    public int size() {
        return targets.rows();
    }

    /** @return the inputs by name, in the order a model takes them */
    public Map<String, Column> inputs() {
        return inputs;
    }

    /** @return the targets */
    public Column targets() {
        return targets;
    }

    /** @return the number of classes when the targets are class indices, else 0 */
    public int classes() {
        return classes;
    }

    /** @return what a model trained on these samples needs to be used again, such as {@code vocabulary} */
    public Map<String, Object> info() {
        return info;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("SampleSet[" + size() + " samples from " + source + ", inputs");
        inputs.forEach((name, c) -> sb.append(' ').append(name).append(c.shape()));
        if (paddingMask != null) {
            sb.append(", padded per batch by '").append(paddingMask).append('\'');
        }
        return sb.append(", targets ").append(targets.shape())
                .append(classes > 0 ? " of " + classes + " classes" : " values").append(']').toString();
    }
}
