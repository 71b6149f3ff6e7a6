package org.neurite.engine.activation;

import java.util.Objects;
import java.util.function.UnaryOperator;

import org.neurite.api.Activation;
import org.neurite.api.Tensor;

/**
 * An activation without options that applies one tensor operation, such as {@code relu}.
 *
 * @param name the name it is registered under
 * @param function the operation, such as {@code Tensor::relu}
 */
public record FunctionActivation(String name, UnaryOperator<Tensor> function) implements Activation {

    /**
     * Validates the components.
     *
     * @param name the name
     * @param function the operation
     */
    public FunctionActivation {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(function, "function");
    }

    @Override
    public Tensor apply(Tensor x) {
        return function.apply(x);
    }

    @Override
    public String toString() {
        return name;
    }
}
