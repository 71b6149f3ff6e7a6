package org.neurite.plugins.perceptron;

/** Finds values that are not 0 or 1, where a layer or loss works on binary signals only. */
final class BinaryValues {

    private BinaryValues() {
    }

    /**
     * @param values the values to check
     * @return the index of the first value that is neither 0 nor 1, or -1 if all are binary
     */
    static int firstNonBinary(float[] values) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] != 0f && values[i] != 1f) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Describes where a flat row-major index lies in a {@code [rows, columns]} batch.
     *
     * @param index the flat index
     * @param columns the length of a row
     * @param what what a column is called, such as {@code input} or {@code unit}
     * @return such as {@code "sample 2, input 1"}
     */
    static String position(int index, int columns, String what) {
        return "sample " + index / columns + ", " + what + " " + index % columns;
    }
}
