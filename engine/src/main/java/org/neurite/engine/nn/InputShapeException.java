package org.neurite.engine.nn;

import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;

/**
 * A layer cannot take a per-sample input shape. It keeps what the layer expects and what it
 * got apart, so that a model can restate it in place: {@code model.layers[2] (dense): expects
 * ... but the previous layer gives [10]}.
 */
public class InputShapeException extends ShapeMismatchException {

    private static final long serialVersionUID = 1L;

    private final String layerType;
    private final String expectation;
    private final transient Shape actual;

    /**
     * @param layerType the layer's type, such as {@code dense}
     * @param expectation what it expects, such as {@code an input whose last axis is 784}
     * @param actual the per-sample shape it got
     */
    public InputShapeException(String layerType, String expectation, Shape actual) {
        super(layerType + ": expects " + expectation + ", got " + actual);
        this.layerType = layerType;
        this.expectation = expectation;
        this.actual = actual;
    }

    /** @return the layer's type */
    public String layerType() {
        return layerType;
    }

    /** @return what the layer expects, as a phrase */
    public String expectation() {
        return expectation;
    }

    /** @return the shape it got */
    public Shape actual() {
        return actual;
    }
}
