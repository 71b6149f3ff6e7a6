package org.neurite.api;

import java.util.random.RandomGenerator;

/**
 * Fills a new parameter with its initial values. Fans follow PyTorch: for a shape
 * {@code [out, in, k...]}, {@code fanIn = in * prod(k)} and {@code fanOut = out * prod(k)};
 * for a 1-D shape both are its length.
 */
public interface Initializer {

    /** @return the name it is registered under, such as {@code xavier_uniform} */
    String name();

    /**
     * Fills the values.
     *
     * @param values the parameter's storage, row-major, of {@code shape.size()} elements
     * @param shape the parameter's shape
     * @param random the source to draw from; the same draws give the same values
     */
    void initialize(float[] values, Shape shape, RandomGenerator random);

    /**
     * @param shape a parameter shape
     * @return the number of inputs each output sees
     */
    static int fanIn(Shape shape) {
        if (shape.rank() < 2) {
            return shape.rank() == 0 ? 1 : shape.dim(0);
        }
        return (int) (shape.dim(1) * receptiveField(shape));
    }

    /**
     * @param shape a parameter shape
     * @return the number of outputs each input feeds
     */
    static int fanOut(Shape shape) {
        if (shape.rank() < 2) {
            return shape.rank() == 0 ? 1 : shape.dim(0);
        }
        return (int) (shape.dim(0) * receptiveField(shape));
    }

    private static long receptiveField(Shape shape) {
        long r = 1;
        for (int i = 2; i < shape.rank(); i++) {
            r *= shape.dim(i);
        }
        return r;
    }
}
