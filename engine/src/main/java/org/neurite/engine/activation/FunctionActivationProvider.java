package org.neurite.engine.activation;

import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

import org.neurite.api.Activation;
import org.neurite.api.ActivationProvider;
import org.neurite.api.OptionSpec;
import org.neurite.api.Options;
import org.neurite.api.Tensor;

/**
 * Provides an activation that takes no options and applies one tensor operation.
 *
 * @param name the unique name, such as {@code relu}
 * @param description what the activation computes, in one sentence
 * @param function the operation, such as {@code Tensor::relu}
 */
public record FunctionActivationProvider(String name, String description, UnaryOperator<Tensor> function)
        implements ActivationProvider {

    /**
     * Validates the components.
     *
     * @param name the name
     * @param description the description
     * @param function the operation
     */
    public FunctionActivationProvider {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(function, "function");
    }

    @Override
    public List<OptionSpec> options() {
        return List.of();
    }

    @Override
    public Activation create(Options options) {
        options.rejectUnknown(options());
        return new FunctionActivation(name, function);
    }
}
