package org.neurite.engine.optim;

import java.util.List;

import org.neurite.api.Optimizer;
import org.neurite.engine.options.OptionReader;

/** Provides {@code gd}: plain gradient descent, {@code p = p - lr * grad}. */
public final class GradientDescentProvider extends OptionListProvider {

    /** The provider of {@code gd}. */
    public GradientDescentProvider() {
        super("gd", "Plain gradient descent: p = p - lr * grad, without momentum or weight decay.",
                List.of(learningRate(0.01)));
    }

    @Override
    Optimizer create(OptionReader in) {
        return new Sgd(name(), Sgd.Settings.plain(in.number("lr")));
    }
}
