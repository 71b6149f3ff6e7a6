package org.neurite.engine.optim;

import java.util.List;

import org.neurite.api.Optimizer;
import org.neurite.api.OptionSpec;
import org.neurite.api.OptionType;
import org.neurite.engine.options.OptionReader;

/** Provides {@code adagrad}, as {@code torch.optim.Adagrad}. */
public final class AdagradProvider extends OptionListProvider {

    /** The provider of {@code adagrad}. */
    public AdagradProvider() {
        super("adagrad", "Adagrad: divides the gradient by the root of the sum of all past squared gradients.",
                List.of(learningRate(0.01),
                        OptionSpec.optional("lr_decay", OptionType.NUMBER, 0.0,
                                "the rate used at update t is lr / (1 + (t - 1) * lr_decay), >= 0"),
                        L2_WEIGHT_DECAY,
                        OptionSpec.optional("initial_accumulator_value", OptionType.NUMBER, 0.0,
                                "the value the sum of squared gradients starts at, >= 0"),
                        OptionSpec.optional("eps", OptionType.NUMBER, 1e-10, "added to the root of the sum, >= 0")));
    }

    @Override
    Optimizer create(OptionReader in) {
        return new Adagrad(new Adagrad.Settings(in.number("lr"), in.number("lr_decay"),
                in.number("weight_decay"), in.number("initial_accumulator_value"), in.number("eps")));
    }
}
