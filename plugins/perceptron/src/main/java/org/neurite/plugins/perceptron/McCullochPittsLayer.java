package org.neurite.plugins.perceptron;

import java.util.Map;

import org.neurite.api.Backend;
import org.neurite.api.Layer;
import org.neurite.api.Mode;
import org.neurite.api.Options;
import org.neurite.api.Parameter;
import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;
import org.neurite.api.Tensor;

/**
 * McCulloch and Pitts' threshold neurons (1943): each unit sums its binary inputs with fixed
 * weights and fires, giving 1, when the sum reaches its threshold, else 0:
 * {@code y_j = 1 if sum_i w_ji x_i >= theta_j}. Weights and thresholds come from the config and
 * never change; the layer has no parameters and nothing flows back through it.
 *
 * <p>Inputs must be 0 or 1, as the model requires; anything else is rejected, naming the sample.
 */
final class McCullochPittsLayer implements Layer {

    static final String TYPE = "mcculloch_pitts";

    private final Options options;
    private final String where;
    private final int inputs;
    private final int units;
    private final Tensor weightsByInput;
    private final Tensor thresholds;

    /**
     * @param options the options it was created from, kept for the saved architecture
     * @param path the layer's key path, for messages
     * @param weights one row of input weights per unit, all of one length
     * @param thresholds one threshold per unit
     * @param backend creates the fixed tensors
     */
    McCullochPittsLayer(Options options, String path, float[][] weights, float[] thresholds, Backend backend) {
        this.options = options;
        this.where = path.isEmpty() ? TYPE : TYPE + " at " + path;
        this.units = weights.length;
        this.inputs = weights[0].length;
        // Stored [inputs, units], so that a batch [n, inputs] times it gives [n, units].
        float[] byInput = new float[inputs * units];
        for (int u = 0; u < units; u++) {
            for (int i = 0; i < inputs; i++) {
                byInput[i * units + u] = weights[u][i];
            }
        }
        this.weightsByInput = backend.tensor(byInput, Shape.of(inputs, units));
        this.thresholds = backend.tensor(thresholds.clone(), Shape.of(units));
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Options options() {
        return options;
    }

    @Override
    public Shape outputShape(Shape inputShape) {
        if (inputShape.rank() != 1 || inputShape.dim(0) != inputs) {
            throw new ShapeMismatchException(TYPE + ": expects per-sample inputs [" + inputs + "] (the weights give"
                    + " each unit " + inputs + " input" + (inputs == 1 ? "" : "s") + "), got " + inputShape);
        }
        return Shape.of(units);
    }

    /** @return no parameters: weights and thresholds are fixed by the config */
    @Override
    public Map<String, Parameter> parameters() {
        return Map.of();
    }

    @Override
    public Tensor forward(Tensor input, Mode mode) {
        if (input.rank() != 2 || input.dim(1) != inputs) {
            throw new ShapeMismatchException(where + ": expects a batch [n, " + inputs + "], got " + input.shape());
        }
        float[] values = input.toArray();
        int bad = BinaryValues.firstNonBinary(values);
        if (bad >= 0) {
            throw new IllegalArgumentException(where + ": input " + values[bad] + " ("
                    + BinaryValues.position(bad, inputs, "input") + ") is not binary; McCulloch-Pitts neurons take"
                    + " inputs 0 or 1");
        }
        // 1 where the weighted sum reaches the threshold: step(sum - theta), as step(0) is 1.
        return input.detach().matmul(weightsByInput).sub(thresholds).step();
    }
}
