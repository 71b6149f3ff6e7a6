package org.neurite.engine.init;

import java.util.random.RandomGenerator;

import org.neurite.api.Initializer;
import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;

/**
 * The common part of the engine's initializers: the name, and the check that the storage
 * matches the shape, before the subclass fills it. An empty parameter is left as it is.
 */
public abstract class AbstractInitializer implements Initializer {

    private final String name;

    /** @param name the name it is registered under */
    protected AbstractInitializer(String name) {
        this.name = name;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final void initialize(float[] values, Shape shape, RandomGenerator random) {
        if (values.length != shape.size()) {
            throw new ShapeMismatchException("initializer " + name + ": " + values.length + " values for shape " + shape
                    + " of " + shape.size() + " elements");
        }
        if (values.length > 0) {
            fill(values, shape, random);
        }
    }

    /**
     * Fills a non-empty parameter.
     *
     * @param values the storage, of {@code shape.size()} elements
     * @param shape the parameter's shape
     * @param random the source to draw from
     */
    protected abstract void fill(float[] values, Shape shape, RandomGenerator random);

    @Override
    public String toString() {
        return name;
    }
}
