package org.neurite.testkit;

import java.util.List;
import java.util.Map;

import org.neurite.api.ComponentProvider;
import org.neurite.api.Layer;
import org.neurite.api.LayerProvider;
import org.neurite.api.Shape;
import org.neurite.engine.check.LayerCheck;

/**
 * Builds a plugin's layer as {@code neurite train} does (options checked and defaults filled in
 * by the host, seed 1), for tests of its values: {@code Layers.build(new ScaleProvider(), Map.of(), 4)}.
 */
public final class Layers {

    private Layers() {
    }

    /**
     * @param provider the layer's provider
     * @param options its options, as a config writes them
     * @param inputDims the per-sample input shape
     * @param others other providers it needs (the rest of the plugin)
     * @return the layer
     */
    public static Layer build(LayerProvider provider, Map<String, ?> options, int[] inputDims,
                              ComponentProvider... others) {
        List<ComponentProvider> all = new java.util.ArrayList<>(List.of(others));
        all.add(0, provider);
        return LayerCheck.of(KitComponents.of(all), provider.name(), options).input(Shape.of(inputDims)).model(1)
                .layers().get(0);
    }

    /**
     * @param provider the layer's provider
     * @param options its options
     * @param inputDims the per-sample input shape
     * @return the layer
     */
    public static Layer build(LayerProvider provider, Map<String, ?> options, int... inputDims) {
        return build(provider, options, inputDims, new ComponentProvider[0]);
    }
}
