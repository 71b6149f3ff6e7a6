package org.neurite.engine.data;

import java.util.Arrays;

import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;

/**
 * One row-major array holding one row of {@code shape} per sample: a dataset's input or its
 * targets. The array is held as given, never copied or changed here.
 *
 * @param values the rows, back to back
 * @param shape the per-sample shape of a row
 */
record Rows(float[] values, Shape shape) {

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
        // one arraycopy per run of consecutive indices: a whole batch when nothing is shuffled
        int length = length();
        int k = 0;
        while (k < count) {
            int first = indices[from + k];
            int run = 1;
            while (k + run < count && indices[from + k + run] == first + run) {
                run++;
            }
            System.arraycopy(values, first * length, dest, k * length, run * length);
            k += run;
        }
    }
}
