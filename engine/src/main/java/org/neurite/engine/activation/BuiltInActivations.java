package org.neurite.engine.activation;

import java.util.List;
import java.util.function.UnaryOperator;

import org.neurite.api.ActivationProvider;
import org.neurite.api.Tensor;

/** The engine's built-in {@link ActivationProvider}s. */
public final class BuiltInActivations {

    private BuiltInActivations() {
    }

    /** @return every built-in provider of this kind */
    public static List<ActivationProvider> providers() {
        return List.of(
                function("identity", "Returns its input unchanged.", x -> x),
                function("step", "Heaviside step: 1 where x >= 0, else 0; passes no gradient.", Tensor::step),
                function("sigmoid", "Logistic function 1 / (1 + e^-x).", Tensor::sigmoid),
                function("tanh", "Hyperbolic tangent.", Tensor::tanh),
                function("relu", "Rectified linear unit max(0, x).", Tensor::relu),
                new LeakyReluProvider(),
                new EluProvider(),
                function("gelu", "Gaussian error linear unit x * Phi(x), in its exact (erf) form.", Tensor::gelu),
                function("silu", "Sigmoid linear unit x * sigmoid(x), also called swish.", Tensor::silu),
                function("softplus", "Smooth rectifier log(1 + e^x), computed stably.", Tensor::softplus),
                new SoftmaxProvider(false),
                new SoftmaxProvider(true));
    }

    private static ActivationProvider function(String name, String description, UnaryOperator<Tensor> f) {
        return new FunctionActivationProvider(name, description, f);
    }
}
