package org.neurite.engine.nn;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

class ActivationLayerTest {

    @TestFactory
    Stream<DynamicNode> harness() {
        return LayerTestHarness.run(List.of(
                LayerCase.of("activation", Map.of("function", "tanh")).input(2, 3).output(2, 3)
                        .rejectsOptions(Map.of(), "model.layers[0].function: is required but missing")
                        .rejectsOptions(Map.of("function", "sigmod"),
                                "model.layers[0]: unknown activation 'sigmod' (did you mean 'sigmoid'?); known: "),
                LayerCase.of("activation", Map.of("function", "sigmoid")).input(4).output(4),
                LayerCase.of("activation", Map.of("function", "leaky_relu", "slope", 0.2)).input(3).output(3)
                        .rejectsOptions(Map.of("function", "leaky_relu", "slpoe", 0.2),
                                "model.layers[0].slpoe: unknown option (did you mean 'slope'?)")));
    }
}
