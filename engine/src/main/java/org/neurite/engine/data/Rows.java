package org.neurite.engine.data;

import java.util.Arrays;

import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;
import org.neurite.engine.kernel.Parallel;

/**
 * One row-major array holding one row of {@code shape} per sample: a dataset's input or its
 * targets. The array is held as given, never copied or changed here.
 *
 * @param values the rows, back to back
 * @param shape the per-sample shape of a row
 */
record Rows(float[] values, Shape shape) {

    /**
     * Values per chunk below which a gather is not worth another thread. A shuffled batch of
     * images (128 x 784 values) is gathered from all over the data, so its copy waits on memory
     * and goes faster on two threads; a batch of labels is copied inline.
     */
    private static final int VALUES_PER_CHUNK = 1 << 14;

    /** Checks that the values are whole rows and returns how many samples they hold. */
    int count(String what) {
        int length = length();
        if (length == 0) {
            throw new ShapeMismatchException("dataset: " + what + " of shape " + shape + " holds no values");
        }
        if (values.length % length != 0) {
            throw new ShapeMismatchException("dataset: " + values.length + " values of " + what
                    + " do not divide into samples of shape " + shape + " (" + length + " values each)");
        }
        return values.length / length;
    }

    /** @return the number of values in one row */
    int length() {
        return shape.intSize();
    }

    /** @return a copy of one sample's row */
    float[] row(int sample) {
        int length = length();
        return Arrays.copyOfRange(values, sample * length, (sample + 1) * length);
    }

    /** @return the rows at {@code indices}, copied, in that order */
    Rows pick(int[] indices) {
        float[] picked = new float[indices.length * length()];
        copy(indices, 0, indices.length, picked);
        return new Rows(picked, shape);
    }

    /** @return the rows {@code from <= i < to}, copied */
    Rows range(int from, int to) {
        int length = length();
        return new Rows(Arrays.copyOfRange(values, from * length, to * length), shape);
    }

    /** Copies the rows of {@code indices[from .. from + count)} into {@code dest}, back to back. */
    void copy(int[] indices, int from, int count, float[] dest) {
        int length = length();
        Parallel.forRange(count, Math.max(1, VALUES_PER_CHUNK / Math.max(1, length)),
                (start, end) -> copy(indices, from, start, end, length, dest));
    }

    /** Copies the rows of {@code indices[from + start .. from + end)} to rows {@code start .. end) of {@code dest}. */
    private void copy(int[] indices, int from, int start, int end, int length, float[] dest) {
        // one arraycopy per run of consecutive indices: a whole batch when nothing is shuffled
        int k = start;
        while (k < end) {
            int first = indices[from + k];
            int run = 1;
            while (k + run < end && indices[from + k + run] == first + run) {
                run++;
            }
            System.arraycopy(values, first * length, dest, k * length, run * length);
            k += run;
        }
    }
}
