package org.neurite.engine.check;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.neurite.api.Optimizer;
import org.neurite.api.Parameter;
import org.neurite.api.Shape;
import org.neurite.api.Tensor;
import org.neurite.engine.tensor.CpuParameter;
import org.neurite.engine.tensor.CpuTensor;

/**
 * The contract every optimizer must keep, checked on a small quadratic problem
 * ({@code L = sum((w - t)^2)} over two parameters and a buffer it must leave alone). Each check
 * throws an {@link AssertionError} saying what broke.
 */
public final class OptimizerCheck {

    private static final int STEPS = 4;

    private final Supplier<Optimizer> fresh;

    private OptimizerCheck(Supplier<Optimizer> fresh) {
        this.fresh = fresh;
    }

    /**
     * @param fresh creates a new optimizer with the options under test, each time it is called
     * @return the checks of that optimizer
     */
    public static OptimizerCheck of(Supplier<Optimizer> fresh) {
        return new OptimizerCheck(fresh);
    }

    /** Steps change the trainable parameters, never a buffer, and lower the loss. */
    public void stepsLowerTheLoss() {
        Optimizer optimizer = fresh.get();
        Map<String, Parameter> parameters = parameters();
        float[] buffer = parameters.get("running").data().clone();
        float first = step(optimizer, parameters);
        float last = first;
        for (int i = 1; i < 3 * STEPS; i++) {
            last = step(optimizer, parameters);
        }
        expect(Arrays.equals(buffer, parameters.get("running").data()), optimizer.name() + " changed a buffer");
        expect(last < first, optimizer.name() + ": the loss went from " + first + " to " + last + " in "
                + 3 * STEPS + " steps");
    }

    /**
     * An optimizer restored from {@link Optimizer#state()} (in a new instance, with a copy of the
     * weights) continues bit for bit as the original does.
     */
    public void stateRestoreContinuesExactly() {
        Optimizer original = fresh.get();
        Map<String, Parameter> parameters = parameters();
        for (int i = 0; i < STEPS; i++) {
            step(original, parameters);
        }
        Map<String, float[]> saved = copy(original.state());
        Map<String, Parameter> restoredParameters = parameters();
        parameters.forEach((name, p) -> System.arraycopy(p.data(), 0, restoredParameters.get(name).data(), 0,
                p.data().length));
        Optimizer restored = fresh.get();
        restored.loadState(saved);
        restored.setLearningRate(original.learningRate());
        for (int i = 0; i < STEPS; i++) {
            step(original, parameters);
            step(restored, restoredParameters);
        }
        parameters.forEach((name, p) -> expect(Arrays.equals(p.data(), restoredParameters.get(name).data()),
                original.name() + ": after restoring its state, parameter " + name + " differs from the original's: "
                        + Arrays.toString(restoredParameters.get(name).data()) + " against " + Arrays.toString(p.data())));
        expect(keysAndValuesEqual(original.state(), restored.state()),
                original.name() + ": the restored optimizer's state differs from the original's");
    }

    /** {@link Optimizer#state()} is a snapshot: changing it does not change the optimizer. */
    public void stateIsASnapshot() {
        Optimizer optimizer = fresh.get();
        Map<String, Parameter> parameters = parameters();
        step(optimizer, parameters);
        Map<String, float[]> before = copy(optimizer.state());
        optimizer.state().values().forEach(v -> Arrays.fill(v, 1234f));
        expect(keysAndValuesEqual(before, optimizer.state()), optimizer.name() + ": writing into state() changed the"
                + " optimizer; state() must return copies");
    }

    /** The learning rate reads back as set. */
    public void learningRateReadsBack() {
        Optimizer optimizer = fresh.get();
        optimizer.setLearningRate(0.0125);
        expect(optimizer.learningRate() == 0.0125, optimizer.name() + ": learningRate() gives "
                + optimizer.learningRate() + " after setLearningRate(0.0125)");
    }

    /** One step: zero the gradients, backpropagate the quadratic loss, update. */
    private static float step(Optimizer optimizer, Map<String, Parameter> parameters) {
        parameters.values().forEach(Parameter::zeroGradient);
        Tensor loss = null;
        long seed = 100;
        for (Parameter p : parameters.values()) {
            if (p.trainable()) {
                Tensor diff = p.value().sub(GradientCheck.random(seed++, p.shape().dims()));
                Tensor term = diff.mul(diff).sum();
                loss = loss == null ? term : loss.add(term);
            }
        }
        loss.backward();
        optimizer.step(parameters);
        return loss.item();
    }

    private static Map<String, Parameter> parameters() {
        Map<String, Parameter> p = new LinkedHashMap<>();
        p.put("0.weight", new CpuParameter(GradientCheck.random(1, 3, 4), true));
        p.put("0.bias", new CpuParameter(GradientCheck.random(2, 3), true));
        p.put("running", new CpuParameter(CpuTensor.wrap(new float[] {1, 2}, Shape.of(2)), false));
        return p;
    }

    private static Map<String, float[]> copy(Map<String, float[]> state) {
        Map<String, float[]> copy = new LinkedHashMap<>();
        state.forEach((k, v) -> copy.put(k, v.clone()));
        return copy;
    }

    private static boolean keysAndValuesEqual(Map<String, float[]> a, Map<String, float[]> b) {
        return a.keySet().equals(b.keySet()) && a.keySet().stream().allMatch(k -> Arrays.equals(a.get(k), b.get(k)));
    }

    private static void expect(boolean condition, String failure) {
        if (!condition) {
            throw new AssertionError(failure);
        }
    }
}
