package org.neurite.engine.activation;

import org.neurite.api.Activation;
import org.neurite.api.Tensor;

/**
 * Softmax or log-softmax along one axis, computed stably by the backend.
 *
 * @param axis the normalised axis; negative counts from the end
 * @param log whether to return log-probabilities ({@code log_softmax}) instead of probabilities
 */
public record SoftmaxActivation(int axis, boolean log) implements Activation {

    @Override
    public String name() {
        return log ? "log_softmax" : "softmax";
    }

    @Override
    public Tensor apply(Tensor x) {
        return log ? x.backend().logSoftmax(x, axis) : x.backend().softmax(x, axis);
    }
}
