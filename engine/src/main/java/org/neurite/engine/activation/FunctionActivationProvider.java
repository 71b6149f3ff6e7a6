package org.neurite.engine.activation;

import java.util.Objects;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import org.neurite.api.Activation;
import org.neurite.api.ActivationProvider;
import org.neurite.api.Options;
import org.neurite.api.Tensor;
import org.neurite.engine.options.FixedProvider;

/** Provides an activation that takes no options and applies one tensor operation. */
public final class FunctionActivationProvider extends FixedProvider<Activation> implements ActivationProvider {

    /**
     * @param name the unique name, such as {@code relu}
     * @param description what the activation computes, in one sentence
     * @param function the operation, such as {@code Tensor::relu}
     */
    public FunctionActivationProvider(String name, String description, UnaryOperator<Tensor> function) {
        super(name, description, activation(name, function));
    }

    private static Supplier<Activation> activation(String name, UnaryOperator<Tensor> function) {
        Objects.requireNonNull(function, "function");
        return () -> new FunctionActivation(name, function);
    }

    @Override
    public Activation create(Options options) {
        return createChecked(options);
    }
}
