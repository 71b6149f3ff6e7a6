package org.neurite.engine.optim;

import java.util.List;

import org.neurite.api.Optimizer;
import org.neurite.api.OptionSpec;
import org.neurite.api.OptionType;
import org.neurite.engine.options.OptionReader;

/** Provides {@code rmsprop}, as {@code torch.optim.RMSprop}. */
public final class RmsPropProvider extends OptionListProvider {

    /** The provider of {@code rmsprop}. */
    public RmsPropProvider() {
        super("rmsprop", "RMSprop: divides the gradient by a running root mean square of recent gradients.",
                List.of(learningRate(0.01),
                        OptionSpec.optional("alpha", OptionType.NUMBER, 0.99,
                                "smoothing constant of the running average of squared gradients, in [0, 1)"),
                        OptionSpec.optional("eps", OptionType.NUMBER, 1e-8,
                                "added to the root of the average (outside the square root, as PyTorch), >= 0"),
                        L2_WEIGHT_DECAY, MOMENTUM,
                        OptionSpec.optional("centered", OptionType.BOOLEAN, false,
                                "normalize by the estimated variance of the gradient instead of its second moment")));
    }

    @Override
    Optimizer create(OptionReader in) {
        return new RmsProp(new RmsProp.Settings(in.number("lr"), in.number("alpha"), in.number("eps"),
                in.number("weight_decay"), in.number("momentum"), in.flag("centered")));
    }
}
