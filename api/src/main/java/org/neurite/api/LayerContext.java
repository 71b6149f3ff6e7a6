package org.neurite.api;

import java.util.List;
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
     * A random stream of the layer's own for what it draws while training (dropout masks, noise),
     * not for initial values. A trainer repositions these streams from the run's seed and step
     * before every step, so a run resumed from a checkpoint draws exactly the numbers the
     * uninterrupted run would have. Call it once, while the layer is created, and keep the
     * stream; every call hands out a new one (and draws once from {@link #random()}).
     *
     * <p>The default, for contexts outside a trainer, is a stream seeded from {@link #random()}.
     *
     * @return the layer's training stream
     */
    default RandomGenerator trainingRandom() {
        return new java.util.SplittableRandom(random().nextLong());
    }

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

    /**
     * Creates a registered layer of several inputs inside the one being built, as a block
     * composes a merge ({@code add} for a residual connection) or attention with a mask.
     *
     * @param type the layer type, such as {@code add}
     * @param options its options; their path names the nested layer in error messages
     * @param inputShapes the per-sample shape of each input, in order
     * @return the layer, a {@link MultiInputLayer} when it takes several inputs
     * @throws OptionException if no layer has that type or its options are wrong
     * @throws ShapeMismatchException if it cannot take those inputs
     */
    default Layer layer(String type, Options options, List<Shape> inputShapes) {
        if (inputShapes.size() != 1) {
            throw new UnsupportedOperationException("this context creates layers of one input only; "
                    + type + " was given " + inputShapes.size());
        }
        return layer(type, options, inputShapes.get(0));
    }
}
