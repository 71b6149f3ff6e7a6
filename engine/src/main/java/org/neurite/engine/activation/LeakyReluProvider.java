package org.neurite.engine.activation;

import java.util.List;

import org.neurite.api.Activation;
import org.neurite.api.ActivationProvider;
import org.neurite.api.OptionSpec;
import org.neurite.api.OptionType;
import org.neurite.api.Options;
import org.neurite.engine.options.OptionReader;

/** Provides {@code leaky_relu}, with option {@code slope} (default 0.01, as PyTorch). */
public final class LeakyReluProvider implements ActivationProvider {

    private static final double DEFAULT_SLOPE = 0.01;

    @Override
    public String name() {
        return "leaky_relu";
    }

    @Override
    public String description() {
        return "Leaky rectified linear unit: x where x > 0, else slope * x.";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(OptionSpec.optional("slope", OptionType.NUMBER, DEFAULT_SLOPE,
                "Factor applied to negative inputs."));
    }

    @Override
    public Activation create(Options options) {
        return new LeakyReluActivation(OptionReader.of(options, options()).finiteFloat("slope"));
    }
}
