package org.neurite.engine.optim;

import java.util.List;

import org.neurite.api.Optimizer;
import org.neurite.api.OptimizerProvider;
import org.neurite.api.OptionSpec;
import org.neurite.api.OptionType;
import org.neurite.api.Options;
import org.neurite.engine.options.OptionReader;

/** Provides {@code sgd}: stochastic gradient descent with momentum, as {@code torch.optim.SGD}. */
public final class SgdProvider implements OptimizerProvider {

    private static final List<OptionSpec> OPTIONS = List.of(
            OptionSpec.optional("lr", OptionType.NUMBER, 0.01, "learning rate, > 0"),
            OptionSpec.optional("momentum", OptionType.NUMBER, 0.0, "momentum factor, in [0, 1); 0 turns momentum off"),
            OptionSpec.optional("dampening", OptionType.NUMBER, 0.0,
                    "share of each new gradient held back from the momentum, in [0, 1]"),
            OptionSpec.optional("weight_decay", OptionType.NUMBER, 0.0,
                    "L2 penalty: weight_decay * p is added to the gradient, >= 0"),
            OptionSpec.optional("nesterov", OptionType.BOOLEAN, false,
                    "use Nesterov momentum (needs momentum > 0 and dampening 0)"));

    @Override
    public String name() {
        return "sgd";
    }

    @Override
    public String description() {
        return "Stochastic gradient descent with optional (Nesterov) momentum, dampening and L2 weight decay.";
    }

    @Override
    public List<OptionSpec> options() {
        return OPTIONS;
    }

    @Override
    public Optimizer create(Options options) {
        OptionReader in = OptionReader.of(options, OPTIONS);
        return in.build(() -> new Sgd(name(), new Sgd.Settings(in.number("lr"), in.number("momentum"),
                in.number("dampening"), in.number("weight_decay"), in.flag("nesterov"))));
    }
}
