package org.neurite.plugins.lstm;

import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.neurite.api.Mode;
import org.neurite.api.Shape;
import org.neurite.testkit.LayerContract;

/** The lstm layer type under the test kit's layer contract, in the shapes a config uses it. */
class LstmLayerContractTest {

    @TestFactory
    Stream<DynamicNode> everyStepOfOneLayer() {
        return LayerContract.of(new LstmLayerProvider(), Map.of("hidden_size", 2, "return_sequences", true))
                .input(4, 6).output(4, 2).parameters(80)
                .rejects(Map.of("hidden_size", 0), "hidden_size")
                .rejects(Map.of("hidden_size", 2, "dropout", 1.0), "dropout")
                .tests();
    }

    @TestFactory
    Stream<DynamicNode> lastStateOfAStackedBidirectionalLayerOnSequencesOfAnyLength() {
        return LayerContract.of(new LstmLayerProvider(), Map.of("hidden_size", 2, "num_layers", 2,
                        "bidirectional", true))
                .input(4, 6).output(4).parameters(288).mode(Mode.INFERENCE)
                .alsoOn(Shape.of(7, 6))
                .tests();
    }
}
