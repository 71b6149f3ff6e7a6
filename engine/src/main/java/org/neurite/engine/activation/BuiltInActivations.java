package org.neurite.engine.activation;

import java.util.List;

import org.neurite.api.ActivationProvider;

/** The engine's built-in {@link ActivationProvider}s. */
public final class BuiltInActivations {

    private BuiltInActivations() {
    }

    /** @return every built-in provider of this kind */
    public static List<ActivationProvider> providers() {
        return List.of();
    }
}
