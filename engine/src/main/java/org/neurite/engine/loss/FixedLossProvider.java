package org.neurite.engine.loss;

import java.util.function.Supplier;

import org.neurite.api.Loss;
import org.neurite.api.LossProvider;
import org.neurite.api.Options;
import org.neurite.engine.options.FixedProvider;

/** Provides a loss that takes no options. */
public final class FixedLossProvider extends FixedProvider<Loss> implements LossProvider {

    /**
     * @param name the unique name, such as {@code mse}
     * @param description what the loss measures, in one sentence
     * @param factory creates the loss
     */
    public FixedLossProvider(String name, String description, Supplier<Loss> factory) {
        super(name, description, factory);
    }

    @Override
    public Loss create(Options options) {
        return createChecked(options);
    }
}
