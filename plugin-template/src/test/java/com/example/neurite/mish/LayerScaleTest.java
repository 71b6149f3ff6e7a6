package com.example.neurite.mish;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.neurite.api.Layer;
import org.neurite.api.Mode;
import org.neurite.api.Shape;
import org.neurite.api.Tensor;
import org.neurite.testkit.LayerContract;
import org.neurite.testkit.Layers;
import org.neurite.testkit.Tensors;

class LayerScaleTest {

    /** Shapes, options, parameter names, save/load, seeds and gradients, as Neurite checks every layer. */
    @TestFactory
    Stream<DynamicNode> contract() {
        return LayerContract.of(new LayerScale.Provider(), Map.of("init_values", 0.5)).input(3, 4).output(3, 4)
                .parameters(4).alsoOn(Shape.of(4), Shape.of(2, 2, 4))
                .rejects(Map.of("init_values", 0), "init_values").tests();
    }

    @Test
    void scalesEachFeatureByItsInitialValue() {
        Layer layer = Layers.build(new LayerScale.Provider(), Map.of("init_values", 0.5), 2);
        Tensor y = layer.forward(Tensors.of(new float[] {1, -2}, 1, 2), Mode.INFERENCE);
        assertArrayEquals(new float[] {0.5f, -1f}, y.toArray());
    }
}
