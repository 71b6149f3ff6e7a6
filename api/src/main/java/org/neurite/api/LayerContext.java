package org.neurite.api;

import java.util.random.RandomGenerator;

/**
 * What a {@link LayerProvider} may use while it creates a layer: the backend, the model's
 * seeded random source, and the other registered components, so that a layer can name an
 * activation or initializer, or compose other layers, without knowing who provides them.
 */
public interface LayerContext {

    /** @return the backend that creates tensors and parameters */
    Backend backend();

    /** @return the model's random source; drawing from it in a fixed order keeps runs reproducible */
    RandomGenerator random();

    /**
     * @return the key path of the layer being created, such as {@code model.layers[2]}, for
     *     error messages
     */
    String path();

    /**
     * Creates a registered activation.
     *
     * @param name the activation's name, such as {@code relu}
     * @param options its options
     * @return the activation
     * @throws OptionException if no activation has that name
     */
    Activation activation(String name, Options options);

    /**
     * Creates a registered initializer.
     *
     * @param name the initializer's name, such as {@code he_uniform}
     * @param options its options
     * @return the initializer
     * @throws OptionException if no initializer has that name
     */
    Initializer initializer(String name, Options options);

    /**
     * Creates the activation a reference names, as {@link Options#getComponent} reads it.
     *
     * @param ref the reference, or {@code null}
     * @return the activation, or {@code null} for a {@code null} reference (no activation)
     * @throws OptionException if no activation has that name or its options are wrong
     */
    default Activation activation(ComponentRef ref) {
        return ref == null ? null : activation(ref.name(), ref.options());
    }

    /**
     * Creates the initializer a reference names, as {@link Options#getComponent} reads it.
     *
     * @param ref the reference, or {@code null}
     * @param fallback the initializer used when the reference is {@code null}
     * @return the initializer
     * @throws OptionException if no initializer has that name or its options are wrong
     */
    default Initializer initializer(ComponentRef ref, Initializer fallback) {
        return ref == null ? fallback : initializer(ref.name(), ref.options());
    }

    /**
     * Creates a registered layer inside the one being built, as a block composes its parts.
     *
     * @param type the layer type, such as {@code dense}
     * @param options its options; their path names the nested layer in error messages
     * @param inputShape the per-sample input shape
     * @return the layer
     * @throws OptionException if no layer has that type or its options are wrong
     * @throws ShapeMismatchException if it cannot take that input shape
     */
    Layer layer(String type, Options options, Shape inputShape);
}
