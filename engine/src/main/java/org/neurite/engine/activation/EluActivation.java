package org.neurite.engine.activation;

import org.neurite.api.Activation;
import org.neurite.api.Tensor;

/**
 * Exponential linear unit: {@code x} where {@code x > 0}, else {@code alpha * (e^x - 1)}.
 *
 * @param alpha the value the negative part approaches
 */
public record EluActivation(float alpha) implements Activation {

    @Override
    public String name() {
        return "elu";
    }

    @Override
    public Tensor apply(Tensor x) {
        return x.elu(alpha);
    }
}
