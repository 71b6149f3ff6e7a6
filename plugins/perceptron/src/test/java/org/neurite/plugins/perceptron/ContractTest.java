package org.neurite.plugins.perceptron;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.neurite.api.Shape;
import org.neurite.testkit.LayerContract;
import org.neurite.testkit.OptimizerContract;

/** The test kit's contracts for every layer and the optimizer the plugin ships. */
class ContractTest {

    @TestFactory
    Stream<DynamicNode> perceptronLayer() {
        return LayerContract.of(new PerceptronLayerProvider(), Map.of("units", 3, "weight_init", "xavier_uniform"))
                .input(4).output(3).parameters(15).alsoOn(Shape.of(7))
                .withoutGradientCheck("the step passes its output's gradient straight through")
                .rejects(Map.of("units", 0), "units").rejects(Map.of("weight_init", "zero"), "weight_init").tests();
    }

    @TestFactory
    Stream<DynamicNode> mlpBlock() {
        return LayerContract.of(new MlpProvider(), Map.of("hidden", List.of(6), "activation", "tanh", "output", 2))
                .input(4).output(2).parameters(4 * 6 + 6 + 6 * 2 + 2).alsoOn(Shape.of(3, 4))
                .rejects(Map.of("hidden", List.of(0)), "hidden").rejects(Map.of("hidden", List.of(4), "dropout", 1.5),
                        "dropout").tests();
    }

    @TestFactory
    Stream<DynamicNode> mcCullochPittsNeurons() {
        return LayerContract.of(new McCullochPittsProvider(), Map.of("weights", List.of(List.of(1, 1)),
                "thresholds", List.of(2))).input(2).output(1).parameters(0).inputValues(0, 1)
                .rejects(Map.of("weights", List.of(List.of(1, 1)), "thresholds", List.of(1, 2)), "thresholds").tests();
    }

    @TestFactory
    Stream<DynamicNode> perceptronOptimizer() {
        return OptimizerContract.of(new PerceptronOptimizerProvider(), Map.of("lr", 0.1)).tests();
    }
}
