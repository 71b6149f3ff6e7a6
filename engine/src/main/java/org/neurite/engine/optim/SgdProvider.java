package org.neurite.engine.optim;

import java.util.List;

import org.neurite.api.Optimizer;
import org.neurite.api.OptionSpec;
import org.neurite.api.OptionType;
import org.neurite.engine.options.OptionReader;

/** Provides {@code sgd}: stochastic gradient descent with momentum, as {@code torch.optim.SGD}. */
public final class SgdProvider extends OptionListProvider {

    /** The provider of {@code sgd}. */
    public SgdProvider() {
        super("sgd", "Stochastic gradient descent with optional (Nesterov) momentum, dampening and L2 weight decay.",
                List.of(learningRate(0.01), MOMENTUM,
                        OptionSpec.optional("dampening", OptionType.NUMBER, 0.0,
                                "share of each new gradient held back from the momentum, in [0, 1]"),
                        L2_WEIGHT_DECAY,
                        OptionSpec.optional("nesterov", OptionType.BOOLEAN, false,
                                "use Nesterov momentum (needs momentum > 0 and dampening 0)")));
    }

    @Override
    Optimizer create(OptionReader in) {
        return new Sgd(name(), new Sgd.Settings(in.number("lr"), in.number("momentum"),
                in.number("dampening"), in.number("weight_decay"), in.flag("nesterov")));
    }
}
