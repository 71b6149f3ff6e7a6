package org.neurite.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Samples as a {@link DataSource} reads them: one or more named inputs and one target per
 * sample, each a row of floats of a fixed per-sample shape (held as floats, or as unsigned bytes
 * with a divisor: {@link Column#ofUnsignedBytes}). Token ids are floats holding whole
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
     * One named row per sample: floats, or unsigned bytes with a divisor ({@link #ofUnsignedBytes}),
     * as an image file's pixels are held in a quarter of the memory of floats. The value of a
     * byte {@code b} is {@code (b & 0xFF) / divisor} in float arithmetic: the very float that
     * widening the byte and dividing it by the divisor gives.
     *
     * <p>Read a column through {@link #copyValues} (a part of it, such as a batch's rows) or
     * {@link #values()} (all of it): both give the same floats however the column holds them.
     *
     * @param values the rows of all samples, back to back, as floats; {@code null} when the column
     *     holds bytes (the accessor {@link #values()} then widens them)
     * @param shape the shape of one sample's row
     * @param unsignedBytes the rows of all samples, back to back, as unsigned bytes; {@code null}
     *     when the column holds floats
     * @param divisor what each byte is divided by, a positive number; 1 for a column of floats
     */
    public record Column(float[] values, Shape shape, byte[] unsignedBytes, float divisor) {

        /** Below this many values a copy divides each byte; from it on, it looks the quotients up. */
        private static final int LOOKUP_FROM = 256;

        /** The quotients {@code b / divisor} of the divisor last used, worked out once per divisor. */
        private static volatile Quotients quotients = new Quotients(255f);

        /**
         * Validates the components.
         *
         * @param values the rows as floats, or {@code null}
         * @param shape the shape of one row
         * @param unsignedBytes the rows as unsigned bytes, or {@code null}
         * @param divisor what each byte is divided by; 1 for floats
         * @throws IllegalArgumentException unless exactly one of {@code values} and {@code unsignedBytes}
         *     is given, with a positive divisor for bytes and 1 for floats
         */
        public Column {
            Objects.requireNonNull(shape, "shape");
            if ((values == null) == (unsignedBytes == null)) {
                throw new IllegalArgumentException("a column holds either floats or unsigned bytes, not "
                        + (values == null ? "neither" : "both"));
            }
            if (values != null && divisor != 1) {
                throw new IllegalArgumentException("a column of floats has the divisor 1, not " + divisor);
            }
            if (!(divisor > 0)) {
                throw new IllegalArgumentException("a column of bytes needs a positive divisor, not " + divisor);
            }
        }

        /**
         * A column of floats.
         *
         * @param values the rows of all samples, back to back
         * @param shape the shape of one sample's row
         */
        public Column(float[] values, Shape shape) {
            this(Objects.requireNonNull(values, "values"), shape, null, 1f);
        }

        /**
         * A column of unsigned bytes, whose values are {@code (b & 0xFF) / divisor}.
         *
         * @param unsignedBytes the rows of all samples, back to back, held as given
         * @param divisor what each byte is divided by, such as 255 for pixels in {@code [0, 1]}
         * @param shape the shape of one sample's row
         * @return the column
         * @throws IllegalArgumentException if the divisor is not positive
         */
        public static Column ofUnsignedBytes(byte[] unsignedBytes, float divisor, Shape shape) {
            return new Column(null, shape, Objects.requireNonNull(unsignedBytes, "unsignedBytes"), divisor);
        }

        /**
         * @return the rows of all samples as floats, back to back: the array held, or, for a column
         *     of bytes, a new array of their values on every call
         */
        @Override
        public float[] values() {
            if (values != null) {
                return values;
            }
            float[] widened = new float[unsignedBytes.length];
            copyValues(0, widened, 0, widened.length);
            return widened;
        }

        /** @return whether the column holds unsigned bytes ({@link #ofUnsignedBytes}) rather than floats */
        public boolean isUnsignedBytes() {
            return unsignedBytes != null;
        }

        /** @return how many values all rows hold together */
        public int size() {
            return values != null ? values.length : unsignedBytes.length;
        }

        /** @return how many rows the values hold */
        public int rows() {
            int length = shape.intSize();
            return length == 0 ? 0 : size() / length;
        }

        /**
         * Copies values out as floats, as {@link #values()} holds them: the floats held, or each
         * byte's {@code (b & 0xFF) / divisor}.
         *
         * @param from the index of the first value copied, counting over all rows back to back
         * @param dest where the values go
         * @param to the index in {@code dest} of the first value
         * @param count how many values are copied
         * @throws IndexOutOfBoundsException if a range lies outside its array
         */
        public void copyValues(int from, float[] dest, int to, int count) {
            Objects.checkFromIndexSize(from, count, size());
            Objects.checkFromIndexSize(to, count, dest.length);
            if (values != null) {
                System.arraycopy(values, from, dest, to, count);
            } else if (count < LOOKUP_FROM) {
                for (int i = 0; i < count; i++) {
                    dest[to + i] = (unsignedBytes[from + i] & 0xFF) / divisor;
                }
            } else {
                // the same quotients looked up: cheaper than a division per value of a batch
                float[] table = quotients(divisor);
                for (int i = 0; i < count; i++) {
                    dest[to + i] = table[unsignedBytes[from + i] & 0xFF];
                }
            }
        }

        private static float[] quotients(float divisor) {
            Quotients last = quotients;
            if (Float.floatToRawIntBits(last.divisor) != Float.floatToRawIntBits(divisor)) {
                last = new Quotients(divisor);
                quotients = last;
            }
            return last.table;
        }

        /** The 256 quotients {@code b / divisor} of one divisor, at index {@code b}. */
        private static final class Quotients {
            private final float divisor;
            private final float[] table = new float[256];

            Quotients(float divisor) {
                this.divisor = divisor;
                for (int b = 0; b < table.length; b++) {
                    table[b] = b / divisor;
                }
            }
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
        if (length == 0 || column.size() % length != 0) {
            throw new IllegalArgumentException(source + ": " + what + " of " + column.size()
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
