package org.neurite.engine.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.neurite.api.Optimizer;
import org.neurite.api.Parameter;

/**
 * The common part of the engine's optimizers: the learning rate, the walk over trainable
 * parameters that have a gradient, and per-parameter state with its snapshot and restore.
 *
 * <p>A {@link #state()} snapshot holds, as flat float arrays:
 * <ul>
 *   <li>{@code optimizer/<name>}: an empty array marking which kind of optimizer saved it;</li>
 *   <li>{@code step}: the number of {@link #step} calls;</li>
 *   <li>{@code step/<parameter>}: the number of updates that parameter received (PyTorch keeps
 *       this per parameter; Adam's bias correction uses it);</li>
 *   <li>{@code <buffer>/<parameter>}: each buffer, such as {@code exp_avg/0.weight}.</li>
 * </ul>
 * Step counts are stored as float values, exact up to 2<sup>24</sup> (about 16.7 million) steps.
 *
 * <p>Subclasses compute in float32 in the order of PyTorch's CPU kernels, with a fused
 * multiply-add ({@link Math#fma}) wherever those kernels fuse ({@code add} with {@code alpha},
 * {@code addcmul}) and none where they do not ({@code addcdiv}), so that a trajectory matches
 * PyTorch's to the last bit on the same inputs.
 */
public abstract class StatefulOptimizer implements Optimizer {

    /** The key of the number of steps taken, and the prefix of per-parameter step counts. */
    public static final String STEP = "step";

    private static final String KIND = "optimizer/";

    private final String name;
    private final List<String> bufferKinds;
    private double learningRate;
    private long steps;
    private Map<String, ParameterState> states = new LinkedHashMap<>();

    /**
     * @param name the name the optimizer is registered under
     * @param learningRate the initial learning rate
     * @param bufferKinds the names of every buffer this kind of optimizer may keep
     */
    protected StatefulOptimizer(String name, double learningRate, List<String> bufferKinds) {
        this.name = name;
        this.bufferKinds = List.copyOf(bufferKinds);
        setLearningRate(learningRate);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final double learningRate() {
        return learningRate;
    }

    /**
     * Sets the rate for the following steps. Zero is accepted, since a schedule may decay to it.
     *
     * @param learningRate the new rate, finite and not negative
     * @throws IllegalArgumentException if it is negative or not finite
     */
    @Override
    public final void setLearningRate(double learningRate) {
        if (!(learningRate >= 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("optimizer " + name + ": learning rate must be a finite number >= 0, got "
                    + learningRate);
        }
        this.learningRate = learningRate;
    }

    /** @return the number of {@link #step} calls so far */
    public final long steps() {
        return steps;
    }

    @Override
    public final void step(Map<String, Parameter> parameters) {
        steps++;
        for (Map.Entry<String, Parameter> entry : parameters.entrySet()) {
            Parameter parameter = entry.getValue();
            float[] gradient = parameter.gradient();
            if (!parameter.trainable() || gradient == null) {
                continue;
            }
            float[] values = parameter.data();
            if (gradient.length != values.length) {
                throw new IllegalStateException("optimizer " + name + ": parameter " + entry.getKey() + " has "
                        + values.length + " values but a gradient of " + gradient.length);
            }
            ParameterState state = states.computeIfAbsent(entry.getKey(), ParameterState::new);
            state.checkLength(name, values.length);
            state.advance();
            state.setRank(parameter.shape().rank());
            update(state, values, gradient);
        }
    }

    /**
     * Applies this optimizer's rule to one parameter, in place.
     *
     * @param state the parameter's state, its step count already advanced for this update
     * @param values the parameter's live values
     * @param gradient its gradient, of the same length
     */
    protected abstract void update(ParameterState state, float[] values, float[] gradient);

    @Override
    public final Map<String, float[]> state() {
        Map<String, float[]> out = new LinkedHashMap<>();
        out.put(KIND + name, new float[0]);
        out.put(STEP, new float[] {steps});
        states.forEach((parameter, state) -> {
            out.put(STEP + "/" + parameter, new float[] {state.step()});
            state.buffers().forEach((kind, values) -> out.put(kind + "/" + parameter, values.clone()));
        });
        return out;
    }

    @Override
    public final void loadState(Map<String, float[]> state) {
        if (state == null) {
            throw new IllegalArgumentException("optimizer " + name + ": cannot load a null state");
        }
        checkKind(state);
        long loadedSteps = count(STEP, state.get(STEP));
        Map<String, ParameterState> loaded = new LinkedHashMap<>();
        for (Map.Entry<String, float[]> entry : state.entrySet()) {
            String key = entry.getKey();
            if (key.startsWith(KIND) || key.equals(STEP)) {
                continue;
            }
            int slash = key.indexOf('/');
            String kind = slash < 0 ? key : key.substring(0, slash);
            if (slash <= 0 || slash == key.length() - 1 || !(kind.equals(STEP) || bufferKinds.contains(kind))) {
                throw new IllegalArgumentException("optimizer " + name + ": unexpected state entry '" + key
                        + "'; expected 'step', 'step/<parameter>'"
                        + (bufferKinds.isEmpty() ? "" : " or '<buffer>/<parameter>' with a buffer among "
                                + String.join(", ", bufferKinds)));
            }
            String parameter = key.substring(slash + 1);
            ParameterState target = loaded.computeIfAbsent(parameter, ParameterState::new);
            if (kind.equals(STEP)) {
                target.setStep(count(key, entry.getValue()));
            } else {
                target.put(kind, checkedBuffer(key, entry.getValue(), target));
            }
        }
        this.steps = loadedSteps;
        this.states = loaded;
    }

    private void checkKind(Map<String, float[]> state) {
        for (String key : state.keySet()) {
            if (key.startsWith(KIND) && !key.equals(KIND + name)) {
                throw new IllegalArgumentException("optimizer " + name + ": the state was saved by optimizer '"
                        + key.substring(KIND.length()) + "', not '" + name + "'");
            }
        }
        if (!state.containsKey(KIND + name)) {
            throw new IllegalArgumentException("optimizer " + name + ": the state has no '" + KIND + name
                    + "' entry, so it was not saved by this kind of optimizer");
        }
    }

    private long count(String key, float[] value) {
        if (value == null || value.length != 1) {
            throw new IllegalArgumentException("optimizer " + name + ": state entry '" + key + "' must hold one step count, got "
                    + (value == null ? "none" : value.length + " values"));
        }
        float v = value[0];
        if (!(v >= 0) || Float.isInfinite(v) || v != Math.rint(v)) {
            throw new IllegalArgumentException("optimizer " + name + ": state entry '" + key
                    + "' must be a whole number of steps >= 0, got " + v);
        }
        return (long) v;
    }

    private float[] checkedBuffer(String key, float[] values, ParameterState target) {
        if (values == null) {
            throw new IllegalArgumentException("optimizer " + name + ": state entry '" + key + "' has no values");
        }
        for (Map.Entry<String, float[]> other : target.buffers().entrySet()) {
            if (other.getValue().length != values.length) {
                throw new IllegalArgumentException("optimizer " + name + ": state buffers '" + key + "' ("
                        + values.length + " values) and '" + other.getKey() + "/" + target.parameter() + "' ("
                        + other.getValue().length + " values) belong to one parameter but differ in length");
            }
        }
        return values.clone();
    }
}
