package org.neurite.engine.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.neurite.api.Backend;
import org.neurite.api.GradScope;
import org.neurite.api.Layer;
import org.neurite.api.Mode;
import org.neurite.api.Shape;
import org.neurite.api.StepwiseLayer;
import org.neurite.api.Tensor;
import org.neurite.engine.CpuBackend;
import org.neurite.engine.nn.Model;
import org.neurite.engine.nn.Sequential;

/**
 * Runs a sequential token model one position at a time: each {@link StepwiseLayer} (recurrent
 * layers, attention with a key/value cache) carries its state from position to position, and the
 * position-wise layers between them (embedding, dense, layer norm, activation, dropout) apply to
 * the one position as they are. Each token fed costs the same, however long the text so far.
 */
public final class TokenStepper {

    /** Layer types that act on each position alone, so one position at a time gives the same result. */
    private static final Set<String> POSITION_WISE = Set.of("embedding", "dense", "layer_norm", "activation",
            "dropout");

    private final List<Layer> layers;
    private final List<List<Tensor>> states = new ArrayList<>();
    private final Backend backend = CpuBackend.instance();

    private TokenStepper(List<Layer> layers) {
        this.layers = layers;
        reset();
    }

    /**
     * @param model a sequential model from token ids {@code [time]} to scores {@code [time, vocabulary]}
     * @return a stepper over it, at the start of a text
     * @throws IllegalArgumentException if the model is not sequential or has a layer that cannot run one
     *     position at a time, naming it
     */
    public static TokenStepper of(Model model) {
        if (!(model instanceof Sequential sequential)) {
            throw new IllegalArgumentException("generation steps through a sequential model of layers; this model is"
                    + " a graph");
        }
        List<Layer> layers = sequential.layers();
        if (layers.isEmpty() || !layers.get(0).type().equals("embedding")) {
            throw new IllegalArgumentException("generation needs a token model whose first layer is an embedding,"
                    + " got " + (layers.isEmpty() ? "no layers" : "layer 0 of type " + layers.get(0).type()));
        }
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            if (!(layer instanceof StepwiseLayer) && !POSITION_WISE.contains(layer.type())) {
                throw new IllegalArgumentException("layer " + i + " (" + layer.type() + ") cannot run one position at"
                        + " a time: generation takes recurrent or cached attention layers and position-wise ones ("
                        + String.join(", ", POSITION_WISE.stream().sorted().toList()) + ")");
            }
        }
        return new TokenStepper(layers);
    }

    /** Forgets the text so far: every stepwise layer back to its initial state. */
    public void reset() {
        states.clear();
        for (Layer layer : layers) {
            states.add(layer instanceof StepwiseLayer s ? s.initialState(1) : List.of());
        }
    }

    /**
     * Feeds one token.
     *
     * @param token the token id
     * @return the model's scores of the next token
     */
    public float[] feed(int token) {
        try (GradScope scope = backend.noGrad()) {
            Tensor x = backend.tensor(new float[] {token}, Shape.of(1, 1));
            for (int i = 0; i < layers.size(); i++) {
                Layer layer = layers.get(i);
                if (layer instanceof StepwiseLayer stepwise) {
                    var result = stepwise.step(x.reshape(1, -1), states.get(i));
                    states.set(i, result.state());
                    x = result.output().reshape(1, 1, -1);
                } else {
                    x = layer.forward(x, Mode.INFERENCE);
                }
            }
            return x.toArray();
        }
    }
}
