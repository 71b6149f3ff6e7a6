package org.neurite.engine.registry;

import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import org.neurite.api.Activation;
import org.neurite.api.Backend;
import org.neurite.api.Initializer;
import org.neurite.api.Layer;
import org.neurite.api.LayerContext;
import org.neurite.api.Options;
import org.neurite.api.Shape;
import org.neurite.engine.CpuBackend;
import org.neurite.engine.nn.RandomStreams;

/**
 * The engine's {@link LayerContext}: the CPU backend (or another), one seeded random source
 * shared by every layer of a model (drawn from in build order, so a seed fixes every initial
 * weight), the key path of the layer being built, and lookups in {@link Components}.
 */
public final class EngineLayerContext implements LayerContext {

    private final Components components;
    private final Backend backend;
    private final RandomGenerator random;
    private final RandomStreams streams;
    private final String path;

    /**
     * @param components where layer types, activations and initializers are looked up
     * @param backend the backend that creates parameters
     * @param random the model's random source
     * @param path the key path of the layer being built, such as {@code model.layers[2]}
     */
    public EngineLayerContext(Components components, Backend backend, RandomGenerator random, String path) {
        this(components, backend, random, new RandomStreams(), path);
    }

    private EngineLayerContext(Components components, Backend backend, RandomGenerator random, RandomStreams streams,
                               String path) {
        this.components = components;
        this.backend = backend;
        this.random = random;
        this.streams = streams;
        this.path = path;
    }

    /**
     * @param components the registries
     * @param seed the model's seed
     * @param path the key path of the model, such as {@code model}
     * @return a context on the CPU backend drawing from {@code new SplittableRandom(seed)}
     */
    public static EngineLayerContext seeded(Components components, long seed, String path) {
        return new EngineLayerContext(components, CpuBackend.instance(), new SplittableRandom(seed), path);
    }

    /**
     * @param layerPath the key path of another layer
     * @return a context for that layer, sharing the random source
     */
    public EngineLayerContext at(String layerPath) {
        return new EngineLayerContext(components, backend, random, streams, layerPath);
    }

    /** @return the registries this context looks up */
    public Components components() {
        return components;
    }

    @Override
    public Backend backend() {
        return backend;
    }

    @Override
    public RandomGenerator random() {
        return random;
    }

    /** {@inheritDoc} The stream is one of {@link #streams()}, which a trainer positions before every step. */
    @Override
    public RandomGenerator trainingRandom() {
        return streams.newStream(random.nextLong());
    }

    /** @return the training streams of the layers built with this context and the contexts derived from it */
    public RandomStreams streams() {
        return streams;
    }

    @Override
    public String path() {
        return path;
    }

    /** {@inheritDoc} An unknown name is reported at {@code options.path()}, or at this layer's path if that is empty. */
    @Override
    public Activation activation(String name, Options options) {
        return components.activation(name, placed(options));
    }

    /** {@inheritDoc} An unknown name is reported at {@code options.path()}, or at this layer's path if that is empty. */
    @Override
    public Initializer initializer(String name, Options options) {
        return components.initializer(name, placed(options));
    }

    /**
     * {@inheritDoc} The options are checked against the provider's specs (defaults filled in) and
     * the new layer is built with a context at {@code options.path()} (or this layer's path if
     * that is empty); an unknown type is reported at its {@code type} key.
     */
    @Override
    public Layer layer(String type, Options options, Shape inputShape) {
        Options at = placed(options);
        return components.layer(type, at, List.of(inputShape), at(at.path()));
    }

    /**
     * Creates a registered layer for several inputs, as a model graph does for a layer that
     * lists more than one (see {@link org.neurite.api.LayerProvider#create(Options, List, LayerContext)}).
     *
     * @param type the layer type, such as {@code add}
     * @param options its options, placed as in {@link #layer(String, Options, Shape)}
     * @param inputShapes the per-sample shape of each input, in order
     * @return the layer
     */
    @Override
    public Layer layer(String type, Options options, List<Shape> inputShapes) {
        Options at = placed(options);
        return components.layer(type, at, inputShapes, at(at.path()));
    }

    /** Options without a path of their own are placed at this layer, so messages say where they belong. */
    private Options placed(Options options) {
        return options.path().isEmpty() && !path.isEmpty() ? Options.of(path, options.asMap()) : options;
    }
}
