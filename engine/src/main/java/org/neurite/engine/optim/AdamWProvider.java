package org.neurite.engine.optim;

import java.util.List;

import org.neurite.api.Optimizer;
import org.neurite.api.OptimizerProvider;
import org.neurite.api.OptionSpec;
import org.neurite.api.Options;
import org.neurite.engine.options.OptionReader;

/** Provides {@code adamw}, as {@code torch.optim.AdamW}: Adam with decoupled weight decay. */
public final class AdamWProvider implements OptimizerProvider {

    private static final List<OptionSpec> OPTIONS = AdamProvider.options(0.01,
            "decoupled weight decay: each step first scales p by (1 - lr * weight_decay), >= 0");

    @Override
    public String name() {
        return "adamw";
    }

    @Override
    public String description() {
        return "AdamW: Adam with weight decay applied to the parameters directly rather than to the gradient.";
    }

    @Override
    public List<OptionSpec> options() {
        return OPTIONS;
    }

    @Override
    public Optimizer create(Options options) {
        OptionReader in = OptionReader.of(options, OPTIONS);
        return in.build(() -> Adam.adamW(AdamProvider.settings(in)));
    }
}
