package org.neurite.engine.init;

import java.util.List;

import org.neurite.api.InitializerProvider;

/** The engine's built-in {@link InitializerProvider}s. */
public final class BuiltInInitializers {

    private BuiltInInitializers() {
    }

    /** @return every built-in provider of this kind */
    public static List<InitializerProvider> providers() {
        return List.of();
    }
}
