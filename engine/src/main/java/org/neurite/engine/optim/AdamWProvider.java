package org.neurite.engine.optim;

import org.neurite.api.Optimizer;
import org.neurite.engine.options.OptionReader;

/** Provides {@code adamw}, as {@code torch.optim.AdamW}: Adam with decoupled weight decay. */
public final class AdamWProvider extends OptionListProvider {

    /** The provider of {@code adamw}. */
    public AdamWProvider() {
        super("adamw", "AdamW: Adam with weight decay applied to the parameters directly rather than to the gradient.",
                AdamProvider.options(0.01,
                        "decoupled weight decay: each step first scales p by (1 - lr * weight_decay), >= 0"));
    }

    @Override
    Optimizer create(OptionReader in) {
        return Adam.adamW(AdamProvider.settings(in));
    }
}
