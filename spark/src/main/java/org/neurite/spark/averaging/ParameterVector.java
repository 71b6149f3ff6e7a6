package org.neurite.spark.averaging;

import java.util.Map;

import org.neurite.api.Parameter;

/**
 * A model's parameters as one flat array, in the model's parameter order, so that a single
 * all-reduce carries them all: trainable weights and buffers (such as batch norm's running
 * statistics) alike, since every worker must end with the same model.
 */
public final class ParameterVector {

    private ParameterVector() {
    }

    /**
     * @param parameters the parameters, in the model's order
     * @param into the array to fill, of {@link #length} floats, or {@code null} for a new one
     * @return the parameters' values one after another
     */
    public static float[] gather(Map<String, ? extends Parameter> parameters, float[] into) {
        float[] values = into != null ? into : new float[length(parameters)];
        int at = 0;
        for (Parameter p : parameters.values()) {
            float[] data = p.data();
            System.arraycopy(data, 0, values, at, data.length);
            at += data.length;
        }
        return values;
    }

    /**
     * Writes the values back into the parameters, in place.
     *
     * @param values values as {@link #gather} lays them out
     * @param parameters the parameters, in the model's order
     */
    public static void scatter(float[] values, Map<String, ? extends Parameter> parameters) {
        int at = 0;
        for (Parameter p : parameters.values()) {
            float[] data = p.data();
            System.arraycopy(values, at, data, 0, data.length);
            at += data.length;
        }
    }

    /**
     * @param parameters the parameters
     * @return the number of floats they hold together
     */
    public static int length(Map<String, ? extends Parameter> parameters) {
        long n = 0;
        for (Parameter p : parameters.values()) {
            n += p.data().length;
        }
        return Math.toIntExact(n);
    }
}
