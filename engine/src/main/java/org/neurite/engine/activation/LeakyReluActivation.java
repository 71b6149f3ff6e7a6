package org.neurite.engine.activation;

import org.neurite.api.Activation;
import org.neurite.api.Tensor;

/**
 * Leaky ReLU: {@code x} where {@code x > 0}, else {@code slope * x}.
 *
 * @param slope the factor applied to negative inputs
 */
public record LeakyReluActivation(float slope) implements Activation {

    @Override
    public String name() {
        return "leaky_relu";
    }

    @Override
    public Tensor apply(Tensor x) {
        return x.leakyRelu(slope);
    }
}
