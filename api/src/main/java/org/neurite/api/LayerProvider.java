package org.neurite.api;

import java.util.List;

/** Creates {@link Layer}s of one type from their options; an extension point for plugins. */
public interface LayerProvider extends ComponentProvider {

    /**
     * Creates a layer, with its parameters initialised, for a known input shape.
     *
     * @param options the options, checked against {@link #options()}
     * @param inputShape the per-sample input shape, without the batch axis
     * @param context the backend, random source and other components
     * @return the new layer
     * @throws OptionException if an option is missing, mistyped or out of range
     * @throws ShapeMismatchException if the layer cannot take that input shape
     */
    Layer create(Options options, Shape inputShape, LayerContext context);

    /**
     * Creates a layer for several inputs, as a model graph does when a layer lists more than
     * one. Providers of a {@link MultiInputLayer} override this; the default takes exactly one
     * input and calls {@link #create(Options, Shape, LayerContext)}.
     *
     * @param options the options, checked against {@link #options()}
     * @param inputShapes the per-sample shape of each input, in order
     * @param context the backend, random source and other components
     * @return the new layer
     * @throws OptionException if an option is missing, mistyped or out of range
     * @throws ShapeMismatchException if the layer cannot take those inputs, or takes only one
     */
    default Layer create(Options options, List<Shape> inputShapes, LayerContext context) {
        if (inputShapes.size() != 1) {
            throw new ShapeMismatchException("layer type " + name() + " takes one input, but " + inputShapes.size()
                    + " are given: " + inputShapes);
        }
        return create(options, inputShapes.get(0), context);
    }
}
