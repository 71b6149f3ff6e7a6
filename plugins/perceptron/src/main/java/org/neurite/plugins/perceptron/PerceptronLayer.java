package org.neurite.plugins.perceptron;

import org.neurite.api.BaseLayer;
import org.neurite.api.Initializer;
import org.neurite.api.LayerContext;
import org.neurite.api.Mode;
import org.neurite.api.Options;
import org.neurite.api.Parameter;
import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;
import org.neurite.api.Tensor;

/**
 * Rosenblatt's perceptron (1958): linear threshold units that learn,
 * {@code ŷ_j = step(w_j · x + b_j)}, 1 where the pre-activation is {@code >= 0}, else 0.
 * Weights are {@code [units, in]} and the bias {@code [units]}, as a dense layer's.
 *
 * <p>The step has no useful derivative, so while gradients are recorded the layer passes the
 * gradient of its output straight through to the pre-activation {@code z}: the value is
 * {@code step(z)}, the gradient that of {@code z}. With the {@code perceptron} loss, whose
 * gradient at the output is {@code ŷ - y}, the weights receive {@code (ŷ - y) x} and the
 * {@code perceptron} optimizer applies Rosenblatt's rule {@code w += lr (y - ŷ) x}.
 */
final class PerceptronLayer extends BaseLayer {

    static final String TYPE = "perceptron";

    private final int inputs;
    private final int units;
    private final Parameter weight;
    private final Parameter bias;

    /**
     * Creates the weights, then the bias, from the context's random source.
     *
     * @param options the options it was created from, kept for the saved architecture
     * @param context the backend and random source of the parameters
     * @param inputs the features of a sample
     * @param units the threshold units
     * @param weightInit fills the weights {@code [units, inputs]}
     * @param biasInit fills the bias {@code [units]}, or {@code null} for no bias
     */
    PerceptronLayer(Options options, LayerContext context, int inputs, int units, Initializer weightInit,
                    Initializer biasInit) {
        super(TYPE, options, context);
        this.inputs = inputs;
        this.units = units;
        this.weight = addParameter("weight", Shape.of(units, inputs), weightInit);
        this.bias = biasInit == null ? null : addParameter("bias", Shape.of(units), biasInit);
    }

    @Override
    public Shape outputShape(Shape inputShape) {
        if (inputShape.rank() != 1 || inputShape.dim(0) != inputs) {
            throw new ShapeMismatchException(TYPE + ": expects per-sample inputs [" + inputs + "], a vector of features,"
                    + " got " + inputShape);
        }
        return Shape.of(units);
    }

    @Override
    public Tensor forward(Tensor input, Mode mode) {
        if (input.rank() != 2 || input.dim(1) != inputs) {
            throw new ShapeMismatchException(TYPE + ": expects a batch [n, " + inputs + "], got " + input.shape());
        }
        Tensor z = input.matmul(weight.value().transpose(0, 1));
        if (bias != null) {
            z = z.add(bias.value());
        }
        Tensor decision = z.step();
        // Straight through: z - z is exactly 0, so the value stays step(z), while the gradient reaches z unchanged.
        return z.requiresGrad() ? decision.add(z.sub(z.detach())) : decision;
    }
}
