package org.neurite.engine.nn;

import java.util.List;

import org.neurite.api.LayerProvider;

/** The engine's built-in {@link LayerProvider}s: the core layers an embedded engine can build and train a feed-forward network with. */
public final class BuiltInLayers {

    private BuiltInLayers() {
    }

    /** @return every built-in provider of this kind */
    public static List<LayerProvider> providers() {
        return List.of(
                new ActivationLayer.Provider(),
                new ElementwiseMergeLayer.Provider(ElementwiseMergeLayer.Operation.ADD),
                new BatchNormLayer.Provider(),
                new ConcatLayer.Provider(),
                new DenseLayer.Provider(),
                new DropoutLayer.Provider(),
                new EmbeddingLayer.Provider(),
                new FlattenLayer.Provider(),
                new LayerNormLayer.Provider(),
                new ElementwiseMergeLayer.Provider(ElementwiseMergeLayer.Operation.MULTIPLY),
                new PermuteLayer.Provider(),
                new ReshapeLayer.Provider(),
                new Sequential.Provider());
    }
}
