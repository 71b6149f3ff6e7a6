package org.neurite.engine.activation;

import java.util.List;

import org.neurite.api.Activation;
import org.neurite.api.ActivationProvider;
import org.neurite.api.OptionSpec;
import org.neurite.api.OptionType;
import org.neurite.api.Options;
import org.neurite.engine.options.OptionReader;

/** Provides {@code elu}, with option {@code alpha} (default 1.0, as PyTorch). */
public final class EluProvider implements ActivationProvider {

    private static final double DEFAULT_ALPHA = 1.0;

    @Override
    public String name() {
        return "elu";
    }

    @Override
    public String description() {
        return "Exponential linear unit: x where x > 0, else alpha * (e^x - 1).";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(OptionSpec.optional("alpha", OptionType.NUMBER, DEFAULT_ALPHA,
                "Value that the output approaches for very negative inputs, negated."));
    }

    @Override
    public Activation create(Options options) {
        return new EluActivation(OptionReader.of(options, options()).finiteFloat("alpha"));
    }
}
