package org.neurite.engine.nn;

import java.util.Locale;

import org.neurite.api.Shape;
import org.neurite.api.Tensor;

/**
 * One named input of a {@link Graph}: its per-sample shape and the kind of values it holds.
 * Every value is a float; {@code int} inputs (token ids) hold whole numbers and {@code bool}
 * inputs (padding masks) hold 0 or 1, which the graph checks as batches arrive.
 *
 * @param name the input's name, which layers list and datasets use
 * @param shape the per-sample shape, without the batch axis
 * @param dtype what its values are
 */
public record GraphInput(String name, Shape shape, Dtype dtype) {

    /** What the values of an input are. */
    public enum Dtype {
        /** Any float. */
        FLOAT,
        /** Whole numbers, such as token ids. */
        INT,
        /** 0 or 1, such as a padding mask (1 = real step). */
        BOOL;

        /** @return the name configs use: {@code float}, {@code int} or {@code bool} */
        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** @return whether a value is one of this kind */
        boolean admits(float v) {
            return switch (this) {
                case FLOAT -> true;
                case INT -> v == Math.rint(v);
                case BOOL -> v == 0 || v == 1;
            };
        }
    }

    /**
     * Checks that every value is of this input's kind.
     *
     * @param batch a batch of this input
     * @throws IllegalArgumentException naming the input, the value and its position
     */
    void check(Tensor batch) {
        if (dtype == Dtype.FLOAT) {
            return;
        }
        float[] values = batch.toArray();
        for (int i = 0; i < values.length; i++) {
            if (!dtype.admits(values[i])) {
                throw new IllegalArgumentException("graph input '" + name + "' (" + dtype.configName() + "): value "
                        + values[i] + " at flat index " + i + " of the batch is not " + (dtype == Dtype.INT
                        ? "a whole number" : "0 or 1"));
            }
        }
    }
}
