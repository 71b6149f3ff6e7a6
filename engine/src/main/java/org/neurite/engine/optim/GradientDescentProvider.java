package org.neurite.engine.optim;

import java.util.List;

import org.neurite.api.Optimizer;
import org.neurite.api.OptimizerProvider;
import org.neurite.api.OptionSpec;
import org.neurite.api.OptionType;
import org.neurite.api.Options;
import org.neurite.engine.options.OptionReader;

/** Provides {@code gd}: plain gradient descent, {@code p = p - lr * grad}. */
public final class GradientDescentProvider implements OptimizerProvider {

    private static final List<OptionSpec> OPTIONS = List.of(
            OptionSpec.optional("lr", OptionType.NUMBER, 0.01, "learning rate, > 0"));

    @Override
    public String name() {
        return "gd";
    }

    @Override
    public String description() {
        return "Plain gradient descent: p = p - lr * grad, without momentum or weight decay.";
    }

    @Override
    public List<OptionSpec> options() {
        return OPTIONS;
    }

    @Override
    public Optimizer create(Options options) {
        OptionReader in = OptionReader.of(options, OPTIONS);
        return in.build(() -> new Sgd(name(), Sgd.Settings.plain(in.number("lr"))));
    }
}
