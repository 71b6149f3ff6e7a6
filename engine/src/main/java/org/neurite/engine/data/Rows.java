package org.neurite.engine.data;

import java.util.Arrays;

import org.neurite.api.SampleSet;
import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;
import org.neurite.engine.kernel.Parallel;

/**
 * One row-major array holding one row of {@code shape} per sample: a dataset's input or its
 * targets, held as an api {@link SampleSet.Column} as given, never copied or changed here.
 *
 * <p>Rows are floats, or unsigned bytes with a divisor ({@link #ofUnsignedBytes}): IDX images
 * stay the bytes of their file, a quarter of the memory of floats, and every copy out of them
 * goes through {@link SampleSet.Column#copyValues}, which gives {@code (float) (b & 0xFF) / divisor},
 * the very floats that dividing the whole array once would have held.
 */
final class Rows {

    /**
     * Values per chunk below which a gather is not worth another thread. A shuffled batch of
     * images (128 x 784 values) is gathered from all over the data, so its copy waits on memory
     * and goes faster on two threads; a batch of labels is copied inline.
     */
    private static final int VALUES_PER_CHUNK = 1 << 14;

    private final SampleSet.Column column;

    /**
     * @param values the rows, back to back
     * @param shape the per-sample shape of a row
     */
    Rows(float[] values, Shape shape) {
        this(new SampleSet.Column(values, shape));
    }

    private Rows(SampleSet.Column column) {
        this.column = column;
    }

    /**
     * @param bytes the rows, back to back, as unsigned bytes
     * @param divisor what each byte is divided by, such as 255 for pixels in {@code [0, 1]}
     * @param shape the per-sample shape of a row
     * @return the rows, whose values are {@code (b & 0xFF) / divisor}
     */
    static Rows ofUnsignedBytes(byte[] bytes, float divisor, Shape shape) {
        return new Rows(SampleSet.Column.ofUnsignedBytes(bytes, divisor, shape));
    }

    /**
     * @param column a column's values, floats or bytes, held as they are
     * @param shape the per-sample shape of a row, which may differ from the column's (such as
     *     {@code [1, 28, 28]} for {@code [28, 28]})
     * @return the rows
     */
    static Rows of(SampleSet.Column column, Shape shape) {
        return new Rows(column.isUnsignedBytes() ? SampleSet.Column.ofUnsignedBytes(column.unsignedBytes(),
                column.divisor(), shape) : new SampleSet.Column(column.values(), shape));
    }

    /** @return the per-sample shape of a row */
    Shape shape() {
        return column.shape();
    }

    /** @return the number of values of all rows together */
    int size() {
        return column.size();
    }

    /**
     * @return the rows as the float array they are held in (targets, sequence lengths and
     *     sequences are floats)
     * @throws IllegalStateException if the rows are bytes
     */
    float[] values() {
        if (column.isUnsignedBytes()) {
            throw new IllegalStateException("dataset: rows of shape " + shape() + " are bytes, not floats");
        }
        return column.values();
    }

    /** @return a copy of all rows as floats, back to back */
    float[] toFloats() {
        // a column of bytes widens them into a new array
        return column.isUnsignedBytes() ? column.values() : column.values().clone();
    }

    /** Checks that the values are whole rows and returns how many samples they hold. */
    int count(String what) {
        int length = length();
        if (length == 0) {
            throw new ShapeMismatchException("dataset: " + what + " of shape " + shape() + " holds no values");
        }
        if (size() % length != 0) {
            throw new ShapeMismatchException("dataset: " + size() + " values of " + what
                    + " do not divide into samples of shape " + shape() + " (" + length + " values each)");
        }
        return size() / length;
    }

    /** @return the number of values in one row */
    int length() {
        return shape().intSize();
    }

    /** @return a copy of one sample's row */
    float[] row(int sample) {
        float[] row = new float[length()];
        copyStart(sample, row.length, row, 0);
        return row;
    }

    /** Copies the first {@code count} values of one sample's row to {@code dest[to ..]}. */
    void copyStart(int sample, int count, float[] dest, int to) {
        copyValues(sample * length(), dest, to, count);
    }

    /** @return the rows at {@code indices}, copied, in that order, held as these are */
    Rows pick(int[] indices) {
        int length = length();
        if (!column.isUnsignedBytes()) {
            float[] picked = new float[indices.length * length];
            copy(indices, 0, indices.length, picked);
            return new Rows(picked, shape());
        }
        byte[] picked = new byte[indices.length * length];
        for (int k = 0; k < indices.length; k++) {
            System.arraycopy(column.unsignedBytes(), indices[k] * length, picked, k * length, length);
        }
        return ofUnsignedBytes(picked, column.divisor(), shape());
    }

    /** @return the rows {@code from <= i < to}, copied, held as these are */
    Rows range(int from, int to) {
        int length = length();
        return column.isUnsignedBytes()
                ? ofUnsignedBytes(Arrays.copyOfRange(column.unsignedBytes(), from * length, to * length), column.divisor(),
                        shape())
                : new Rows(Arrays.copyOfRange(column.values(), from * length, to * length), shape());
    }

    /** Copies the rows of {@code indices[from .. from + count)} into {@code dest}, back to back. */
    void copy(int[] indices, int from, int count, float[] dest) {
        int length = length();
        Parallel.forRange(count, Math.max(1, VALUES_PER_CHUNK / Math.max(1, length)),
                (start, end) -> copy(indices, from, start, end, length, dest));
    }

    /** Copies the rows of {@code indices[from + start .. from + end)} to rows {@code start .. end) of {@code dest}. */
    private void copy(int[] indices, int from, int start, int end, int length, float[] dest) {
        // one copy per run of consecutive indices: a whole batch when nothing is shuffled
        int k = start;
        while (k < end) {
            int first = indices[from + k];
            int run = 1;
            while (k + run < end && indices[from + k + run] == first + run) {
                run++;
            }
            copyValues(first * length, dest, k * length, run * length);
            k += run;
        }
    }

    /** Copies {@code count} values from {@code at} on, as floats, to {@code dest[to ..]}. */
    private void copyValues(int at, float[] dest, int to, int count) {
        column.copyValues(at, dest, to, count);
    }
}
