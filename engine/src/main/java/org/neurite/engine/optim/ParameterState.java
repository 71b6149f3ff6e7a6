package org.neurite.engine.optim;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an optimizer keeps for one parameter: how many updates it has received and its named
 * buffers (such as Adam's {@code exp_avg}), each as long as the parameter.
 */
public final class ParameterState {

    private final String parameter;
    private long step;
    private int rank;
    private final Map<String, float[]> buffers = new LinkedHashMap<>();

    ParameterState(String parameter) {
        this.parameter = parameter;
    }

    /** @return the parameter's name */
    public String parameter() {
        return parameter;
    }

    /** @return the rank of the parameter's shape at its latest update: 2 and more for matrices and kernels */
    public int rank() {
        return rank;
    }

    void setRank(int rank) {
        this.rank = rank;
    }

    /** @return the number of updates this parameter has received, counting the current one */
    public long step() {
        return step;
    }

    /**
     * @param kind the buffer's name, such as {@code exp_avg}
     * @return the buffer, or {@code null} if it has not been created yet
     */
    public float[] find(String kind) {
        return buffers.get(kind);
    }

    /**
     * @param kind the buffer's name
     * @param length the parameter's length
     * @param initial the value a new buffer starts with
     * @return the buffer, created filled with {@code initial} the first time it is asked for
     */
    public float[] buffer(String kind, int length, float initial) {
        return buffers.computeIfAbsent(kind, k -> {
            float[] b = new float[length];
            if (initial != 0) {
                java.util.Arrays.fill(b, initial);
            }
            return b;
        });
    }

    /**
     * @param kind the buffer's name
     * @param values its new values, taken over
     */
    public void put(String kind, float[] values) {
        buffers.put(kind, values);
    }

    Map<String, float[]> buffers() {
        return buffers;
    }

    void setStep(long step) {
        this.step = step;
    }

    void advance() {
        step++;
    }

    /** Fails if a buffer does not match the parameter, as after loading another model's state. */
    void checkLength(String optimizer, int length) {
        buffers.forEach((kind, values) -> {
            if (values.length != length) {
                throw new IllegalStateException("optimizer " + optimizer + ": state buffer " + kind + "/" + parameter
                        + " has " + values.length + " values but parameter " + parameter + " has " + length
                        + "; was the state saved for another model?");
            }
        });
    }
}
