package org.neurite.engine.optim;

import java.util.List;

import org.neurite.api.Optimizer;
import org.neurite.api.OptimizerProvider;
import org.neurite.api.OptionSpec;
import org.neurite.api.OptionType;
import org.neurite.api.Options;
import org.neurite.engine.options.OptionReader;

/** Provides {@code adagrad}, as {@code torch.optim.Adagrad}. */
public final class AdagradProvider implements OptimizerProvider {

    private static final List<OptionSpec> OPTIONS = List.of(
            OptionSpec.optional("lr", OptionType.NUMBER, 0.01, "learning rate, > 0"),
            OptionSpec.optional("lr_decay", OptionType.NUMBER, 0.0,
                    "the rate used at update t is lr / (1 + (t - 1) * lr_decay), >= 0"),
            OptionSpec.optional("weight_decay", OptionType.NUMBER, 0.0,
                    "L2 penalty: weight_decay * p is added to the gradient, >= 0"),
            OptionSpec.optional("initial_accumulator_value", OptionType.NUMBER, 0.0,
                    "the value the sum of squared gradients starts at, >= 0"),
            OptionSpec.optional("eps", OptionType.NUMBER, 1e-10, "added to the root of the sum, >= 0"));

    @Override
    public String name() {
        return "adagrad";
    }

    @Override
    public String description() {
        return "Adagrad: divides the gradient by the root of the sum of all past squared gradients.";
    }

    @Override
    public List<OptionSpec> options() {
        return OPTIONS;
    }

    @Override
    public Optimizer create(Options options) {
        OptionReader in = OptionReader.of(options, OPTIONS);
        return in.build(() -> new Adagrad(new Adagrad.Settings(in.number("lr"), in.number("lr_decay"),
                in.number("weight_decay"), in.number("initial_accumulator_value"), in.number("eps"))));
    }
}
