package org.neurite.engine.optim;

import java.util.List;

import org.neurite.api.Optimizer;
import org.neurite.api.OptimizerProvider;
import org.neurite.api.OptionSpec;
import org.neurite.api.OptionType;
import org.neurite.api.Options;
import org.neurite.engine.options.OptionReader;

/** Provides {@code rmsprop}, as {@code torch.optim.RMSprop}. */
public final class RmsPropProvider implements OptimizerProvider {

    private static final List<OptionSpec> OPTIONS = List.of(
            OptionSpec.optional("lr", OptionType.NUMBER, 0.01, "learning rate, > 0"),
            OptionSpec.optional("alpha", OptionType.NUMBER, 0.99,
                    "smoothing constant of the running average of squared gradients, in [0, 1)"),
            OptionSpec.optional("eps", OptionType.NUMBER, 1e-8,
                    "added to the root of the average (outside the square root, as PyTorch), >= 0"),
            OptionSpec.optional("weight_decay", OptionType.NUMBER, 0.0,
                    "L2 penalty: weight_decay * p is added to the gradient, >= 0"),
            OptionSpec.optional("momentum", OptionType.NUMBER, 0.0, "momentum factor, in [0, 1); 0 turns momentum off"),
            OptionSpec.optional("centered", OptionType.BOOLEAN, false,
                    "normalize by the estimated variance of the gradient instead of its second moment"));

    @Override
    public String name() {
        return "rmsprop";
    }

    @Override
    public String description() {
        return "RMSprop: divides the gradient by a running root mean square of recent gradients.";
    }

    @Override
    public List<OptionSpec> options() {
        return OPTIONS;
    }

    @Override
    public Optimizer create(Options options) {
        OptionReader in = OptionReader.of(options, OPTIONS);
        return in.build(() -> new RmsProp(new RmsProp.Settings(in.number("lr"), in.number("alpha"), in.number("eps"),
                in.number("weight_decay"), in.number("momentum"), in.flag("centered"))));
    }
}
