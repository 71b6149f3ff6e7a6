package org.neurite.engine.optim.clip;

import java.util.List;

import org.neurite.api.GradientClipperProvider;

/** The engine's built-in {@link GradientClipperProvider}s. */
public final class BuiltInClippers {

    private BuiltInClippers() {
    }

    /** @return every built-in provider of this kind */
    public static List<GradientClipperProvider> providers() {
        return List.of(new NormClipperProvider(), new ValueClipperProvider());
    }
}
