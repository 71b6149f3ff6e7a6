package org.neurite.engine.nn;

import java.util.Map;

import org.neurite.api.Layer;
import org.neurite.api.Mode;
import org.neurite.api.Options;
import org.neurite.api.Shape;
import org.neurite.api.Tensor;
import org.neurite.engine.registry.Components;

/**
 * A whole model, {@link Sequential} or {@link Graph}: a layer that also knows its named inputs,
 * is fed a map of them (as a {@link org.neurite.engine.data.Batch} holds them), and gives back
 * the config that rebuilds it.
 */
public interface Model extends Layer {

    /** @return the per-sample shape of each input, by name, in order */
    Map<String, Shape> inputShapes();

    /**
     * The random streams its layers draw from while training (see
     * {@link org.neurite.api.LayerContext#trainingRandom()}), which a trainer positions before
     * every step so that a resumed run is bit-exact.
     *
     * @return the streams; none for a model assembled from layer instances
     */
    default RandomStreams randomStreams() {
        return new RandomStreams();
    }

    /** @return the per-sample shape of the (first) output, the one a loss is computed on */
    Shape outputShape();

    /**
     * Applies the model to a batch of each input.
     *
     * @param inputs the inputs by name, each {@code [batch, ...inputShape]}; a model with one
     *     input takes the only entry whatever its name
     * @param mode training or inference
     * @return the (first) output, {@code [batch, ...outputShape]}
     * @throws IllegalArgumentException if an input is missing, naming it and the ones given
     */
    Tensor forward(Map<String, Tensor> inputs, Mode mode);

    /**
     * The config that rebuilds this model, in the vocabulary of run configs.
     *
     * @return plain maps, lists, numbers, strings and booleans
     */
    Map<String, Object> architecture();

    /**
     * Builds a model from its config section: a {@link Graph} if it names {@code inputs}, else a
     * {@link Sequential} (with one {@code input}).
     *
     * @param model the model's options, at their key path (such as {@code model})
     * @param components where layer types are looked up
     * @param seed the seed of every initial value
     * @return the model
     * @throws org.neurite.api.OptionException for a bad key, name or option, at its key path
     * @throws org.neurite.api.ShapeMismatchException if a layer cannot take its input
     */
    static Model fromOptions(Options model, Components components, long seed) {
        return model.has("inputs") ? Graph.fromOptions(model, components, seed)
                : Sequential.fromOptions(model, components, seed);
    }

    /**
     * Feeds named inputs to any layer: a {@link Model} by name, any other layer its only input.
     *
     * @param model the model
     * @param inputs the inputs by name
     * @param mode training or inference
     * @return the model's (first) output
     * @throws IllegalArgumentException if a plain layer is given several inputs
     */
    static Tensor apply(Layer model, Map<String, Tensor> inputs, Mode mode) {
        return model instanceof Model m ? m.forward(inputs, mode) : model.forward(onlyInput(model, inputs), mode);
    }

    /**
     * @param model a model of one input, for the message
     * @param inputs the inputs given
     * @return the only one, whatever its name
     * @throws IllegalArgumentException if there are several
     */
    static Tensor onlyInput(Layer model, Map<String, Tensor> inputs) {
        if (inputs.size() != 1) {
            throw new IllegalArgumentException("a model of type " + model.type() + " takes one input, but the data has "
                    + inputs.size() + ": " + inputs.keySet());
        }
        return inputs.values().iterator().next();
    }
}
