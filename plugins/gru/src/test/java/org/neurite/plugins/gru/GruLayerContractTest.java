package org.neurite.plugins.gru;

import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.neurite.api.Mode;
import org.neurite.api.Shape;
import org.neurite.testkit.LayerContract;

/** The gru layer type under the test kit's layer contract, in the shapes a config uses it. */
class GruLayerContractTest {

    @TestFactory
    Stream<DynamicNode> everyStepOfOneLayer() {
        return LayerContract.of(new GruLayerProvider(), Map.of("hidden_size", 8, "return_sequences", true))
                .input(4, 2).output(4, 8).parameters(288)
                .rejects(Map.of("hidden_size", 0), "hidden_size")
                .rejects(Map.of("hidden_size", 8, "dropout", 1.0), "dropout")
                .tests();
    }

    @TestFactory
    Stream<DynamicNode> lastStateOfAStackedBidirectionalLayerOnSequencesOfAnyLength() {
        return LayerContract.of(new GruLayerProvider(), Map.of("hidden_size", 8, "num_layers", 2,
                        "bidirectional", true))
                .input(4, 2).output(16).parameters(1824).mode(Mode.INFERENCE)
                .alsoOn(Shape.of(7, 2))
                .tests();
    }
}
