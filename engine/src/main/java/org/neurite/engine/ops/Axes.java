package org.neurite.engine.ops;

import org.neurite.api.Shape;

/** Resolves axis arguments, with errors that name the operation. */
final class Axes {

    private Axes() {
    }

    /**
     * @param op the operation's name, for the error message
     * @param axis an axis, negative counting from the end
     * @param rank the rank the axis refers to
     * @param shape the shape named in the error message
     * @return the axis in {@code [0, rank)}
     * @throws IllegalArgumentException if the axis is out of range
     */
    static int resolve(String op, int axis, int rank, Shape shape) {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new IllegalArgumentException(op + ": axis " + axis + " is out of range for shape " + shape);
        }
        return a;
    }

    /**
     * @param op the operation's name
     * @param axis an axis of {@code shape}, negative counting from the end
     * @param shape the shape
     * @return the axis in {@code [0, rank)}
     * @throws IllegalArgumentException if the axis is out of range
     */
    static int resolve(String op, int axis, Shape shape) {
        return resolve(op, axis, shape.rank(), shape);
    }

    /** @return the product of {@code shape}'s dimensions in {@code [from, to)} */
    static int product(Shape shape, int from, int to) {
        int p = 1;
        for (int i = from; i < to; i++) {
            p *= shape.dim(i);
        }
        return p;
    }
}
