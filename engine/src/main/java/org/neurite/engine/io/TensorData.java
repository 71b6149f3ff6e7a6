package org.neurite.engine.io;

import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;

/**
 * The values of one tensor as a file holds them: a shape and its elements in row-major order.
 * The array is used as it is, not copied.
 *
 * @param shape the shape
 * @param values the elements, {@code shape.size()} of them
 */
public record TensorData(Shape shape, float[] values) {

    /**
     * Checks that the values fit the shape.
     *
     * @throws ShapeMismatchException if the number of values differs from the shape's size
     */
    public TensorData {
        if (shape == null || values == null) {
            throw new IllegalArgumentException("a tensor needs a shape and values");
        }
        if (values.length != shape.size()) {
            throw new ShapeMismatchException("tensor data: " + values.length + " values do not fill shape "
                    + shape + " of " + shape.size() + " elements");
        }
    }
}
