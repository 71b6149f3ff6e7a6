package org.neurite.plugins.perceptron;

import java.util.LinkedHashMap;
import java.util.Map;

import org.neurite.api.Optimizer;
import org.neurite.api.Parameter;

/**
 * The update of Rosenblatt's perceptron: {@code w -= lr * g} for every trainable parameter, with
 * no momentum or other state. Fed the gradient of the {@code perceptron} loss through a
 * {@code perceptron} layer, {@code g = (ŷ - y) x} for one sample, so the step is
 * {@code w += lr (y - ŷ) x}: nothing changes when the sample was classified right.
 *
 * <p>Its {@link #state()} holds only the marker {@code optimizer/perceptron} and the number of
 * steps taken, as the engine's optimizers write them, so checkpoints resume it.
 */
final class PerceptronOptimizer implements Optimizer {

    static final String NAME = "perceptron";
    private static final String KIND = "optimizer/" + NAME;
    private static final String STEP = "step";

    private double learningRate;
    private long steps;

    /**
     * @param learningRate the step size, finite and &gt; 0
     */
    PerceptronOptimizer(double learningRate) {
        setLearningRate(learningRate);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void step(Map<String, Parameter> parameters) {
        steps++;
        float lr = (float) learningRate;
        for (Map.Entry<String, Parameter> entry : parameters.entrySet()) {
            Parameter p = entry.getValue();
            float[] g = p.gradient();
            if (!p.trainable() || g == null) {
                continue;
            }
            float[] w = p.data();
            if (g.length != w.length) {
                throw new IllegalStateException("optimizer " + NAME + ": parameter " + entry.getKey() + " has "
                        + w.length + " values but a gradient of " + g.length);
            }
            for (int i = 0; i < w.length; i++) {
                w[i] -= lr * g[i];
            }
        }
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    /** {@inheritDoc} Zero is accepted, since a schedule may decay to it. */
    @Override
    public void setLearningRate(double learningRate) {
        if (!(learningRate >= 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("optimizer " + NAME + ": learning rate must be a finite number >= 0, got "
                    + learningRate);
        }
        this.learningRate = learningRate;
    }

    /** @return the number of steps taken */
    long steps() {
        return steps;
    }

    @Override
    public Map<String, float[]> state() {
        Map<String, float[]> state = new LinkedHashMap<>();
        state.put(KIND, new float[0]);
        state.put(STEP, new float[] {steps});
        return state;
    }

    @Override
    public void loadState(Map<String, float[]> state) {
        if (state == null || !state.containsKey(KIND)) {
            throw new IllegalArgumentException("optimizer " + NAME + ": the state has no '" + KIND
                    + "' entry, so it was not saved by this kind of optimizer");
        }
        for (String key : state.keySet()) {
            if (!key.equals(KIND) && !key.equals(STEP)) {
                throw new IllegalArgumentException("optimizer " + NAME + ": unexpected state entry '" + key
                        + "'; it keeps only '" + KIND + "' and '" + STEP + "'");
            }
        }
        float[] count = state.get(STEP);
        if (count == null || count.length != 1 || !(count[0] >= 0) || count[0] != Math.rint(count[0])
                || Float.isInfinite(count[0])) {
            throw new IllegalArgumentException("optimizer " + NAME + ": state entry '" + STEP
                    + "' must hold one whole number of steps >= 0");
        }
        steps = (long) count[0];
    }
}
