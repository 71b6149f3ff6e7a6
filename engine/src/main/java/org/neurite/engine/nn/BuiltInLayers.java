package org.neurite.engine.nn;

import java.util.List;

import org.neurite.api.LayerProvider;

/** The engine's built-in {@link LayerProvider}s. */
public final class BuiltInLayers {

    private BuiltInLayers() {
    }

    /** @return every built-in provider of this kind */
    public static List<LayerProvider> providers() {
        return List.of();
    }
}
