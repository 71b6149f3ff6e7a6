package org.neurite.engine.optim;

import java.util.List;

import org.neurite.api.OptimizerProvider;

/** The engine's built-in {@link OptimizerProvider}s. */
public final class BuiltInOptimizers {

    private BuiltInOptimizers() {
    }

    /** @return every built-in provider of this kind */
    public static List<OptimizerProvider> providers() {
        return List.of(new GradientDescentProvider(), new SgdProvider(), new RmsPropProvider(), new AdamProvider(),
                new AdamWProvider(), new AdagradProvider());
    }
}
