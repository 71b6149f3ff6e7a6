package org.neurite.api;

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
}
