package org.neurite.engine.loss;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import org.neurite.api.Loss;
import org.neurite.api.LossProvider;
import org.neurite.api.OptionSpec;
import org.neurite.api.Options;

/**
 * Provides a loss that takes no options.
 *
 * @param name the unique name, such as {@code mse}
 * @param description what the loss measures, in one sentence
 * @param factory creates the loss
 */
public record FixedLossProvider(String name, String description, Supplier<Loss> factory) implements LossProvider {

    /**
     * Validates the components.
     *
     * @param name the name
     * @param description the description
     * @param factory creates the loss
     */
    public FixedLossProvider {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(factory, "factory");
    }

    @Override
    public List<OptionSpec> options() {
        return List.of();
    }

    @Override
    public Loss create(Options options) {
        options.rejectUnknown(options());
        return factory.get();
    }
}
