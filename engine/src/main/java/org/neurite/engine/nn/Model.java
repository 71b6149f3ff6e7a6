package org.neurite.engine.nn;

import java.util.Map;

import org.neurite.api.Layer;
import org.neurite.api.Mode;
import org.neurite.api.Shape;
import org.neurite.api.Tensor;

/**
 * A whole model, {@link Sequential} or {@link Graph}: a layer that also knows its named inputs,
 * is fed a map of them (as a {@link org.neurite.engine.data.Batch} holds them), and gives back
 * the config that rebuilds it.
 */
public interface Model extends Layer {

    /** @return the per-sample shape of each input, by name, in order */
    Map<String, Shape> inputShapes();

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
