package org.neurite.api;

import java.util.Map;

/**
 * Updates parameters from their gradients. An optimizer keeps per-parameter state (such as
 * Adam's moments), keyed by the parameter's name, which {@link #state()} exposes so that a
 * checkpoint can save it and {@link #loadState} can resume training exactly.
 */
public interface Optimizer {

    /** @return the name it is registered under, such as {@code adam} */
    String name();

    /**
     * Applies one update to every trainable parameter that has a gradient.
     *
     * @param parameters the model's parameters, by name
     */
    void step(Map<String, Parameter> parameters);

    /** @return the current learning rate */
    double learningRate();

    /**
     * Sets the learning rate used from the next step on, as a schedule does.
     *
     * @param learningRate the new rate, positive
     */
    void setLearningRate(double learningRate);

    /**
     * A snapshot of the optimizer's state: the number of steps taken and every per-parameter
     * buffer, as flat arrays under keys such as {@code exp_avg/layers.0.weight}.
     *
     * @return a copy of the state
     */
    Map<String, float[]> state();

    /**
     * Restores a state taken by {@link #state()} of an optimizer of the same kind.
     *
     * @param state the saved state
     * @throws IllegalArgumentException if the state does not belong to this kind of optimizer
     */
    void loadState(Map<String, float[]> state);
}
