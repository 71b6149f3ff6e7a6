package org.neurite.engine.loss;

import java.util.List;

import org.neurite.api.Loss;
import org.neurite.api.LossProvider;
import org.neurite.api.OptionSpec;
import org.neurite.api.OptionType;
import org.neurite.api.Options;
import org.neurite.engine.options.OptionReader;

/** Provides {@code huber}, with option {@code delta} (default 1.0, as PyTorch). */
public final class HuberLossProvider implements LossProvider {

    private static final double DEFAULT_DELTA = 1.0;

    @Override
    public String name() {
        return "huber";
    }

    @Override
    public String description() {
        return "Huber loss: squared error for errors below delta, linear above; averaged over all elements.";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(OptionSpec.optional("delta", OptionType.NUMBER, DEFAULT_DELTA,
                "Error size where the loss turns from quadratic to linear; greater than 0."));
    }

    @Override
    public Loss create(Options options) {
        return new HuberLoss(OptionReader.of(options, options()).positiveFloat("delta"));
    }
}
