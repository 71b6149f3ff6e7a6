package org.neurite.engine.inference;

import org.neurite.api.Shape;

/**
 * The checks a {@link Predictor} makes of the raw inputs it is given, each failure naming the
 * input: a null, a wrong number of values, a value that is not finite.
 */
final class RawInputs {

    private final Shape inputShape;
    private final int features;

    /** @param inputShape the shape of one input, without the batch */
    RawInputs(Shape inputShape) {
        this.inputShape = inputShape;
        this.features = inputShape.intSize();
    }

    /** A null argument is named, never a bare {@link NullPointerException} from deep inside. */
    static <T> T given(T value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + " is null");
        }
        return value;
    }

    /** Checks one raw input whole: present, of the input's size, every value finite. */
    void check(float[] input, String what) {
        checkPresentAndLong(input, what);
        checkFinite(input, what);
    }

    /**
     * Checks that every row of a batch is present and of the input's size; their values are
     * checked by {@link #checkFinite(float[], int)} where each row is read anyway.
     */
    void checkRows(float[][] inputs) {
        given(inputs, "inputs");
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i] == null || inputs[i].length != features) {
                checkPresentAndLong(inputs[i], "inputs[" + i + "]");
            }
        }
    }

    /** Checks a number of values against the input's size. */
    private void checkLength(int length, String what) {
        if (length != features) {
            throw new IllegalArgumentException(what + " has " + length + " values, expected " + features
                    + " (input shape " + inputShape + ")");
        }
    }

    /**
     * NaN or an infinity in a raw input would come out as scores of NaN with a class picked
     * from them, so it is refused, naming where it is.
     */
    static void checkFinite(float[] input, String what) {
        for (int i = 0; i < input.length; i++) {
            if (!Float.isFinite(input[i])) {
                throw new IllegalArgumentException(what + "[" + i + "] is " + input[i] + ": inputs must be finite numbers");
            }
        }
    }

    /** As {@link #checkFinite(float[], String)} for {@code inputs[index]}, its name built only on failure. */
    static void checkFinite(float[] input, int index) {
        for (float value : input) {
            if (!Float.isFinite(value)) {
                checkFinite(input, "inputs[" + index + "]");
            }
        }
    }

    private void checkPresentAndLong(float[] input, String what) {
        if (input == null) {
            throw new IllegalArgumentException(what + " is null, expected " + features + " values (input shape "
                    + inputShape + ")");
        }
        checkLength(input.length, what);
    }
}
