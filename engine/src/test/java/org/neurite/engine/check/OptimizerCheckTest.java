package org.neurite.engine.check;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.neurite.api.Options;
import org.neurite.engine.registry.Components;

/** Every built-in optimizer keeps the optimizer contract the plugins' test kit checks. */
class OptimizerCheckTest {

    @TestFactory
    Stream<DynamicTest> builtInOptimizersKeepTheContract() {
        Components components = Components.builtIns();
        Map<String, Map<String, Object>> configs = Map.of(
                "sgd", Map.of("lr", 0.05, "momentum", 0.9, "nesterov", true),
                "adam", Map.of("lr", 0.01),
                "adamw", Map.of("lr", 0.01, "weight_decay", 0.1),
                "rmsprop", Map.of("lr", 0.01),
                "adagrad", Map.of("lr", 0.1),
                "gd", Map.of("lr", 0.05));
        return configs.entrySet().stream().flatMap(e -> {
            OptimizerCheck check = OptimizerCheck.of(() -> components.optimizer(e.getKey(),
                    Options.of("optimizer", e.getValue())));
            return List.of(
                    DynamicTest.dynamicTest(e.getKey() + ": steps lower the loss", check::stepsLowerTheLoss),
                    DynamicTest.dynamicTest(e.getKey() + ": state restore", check::stateRestoreContinuesExactly),
                    DynamicTest.dynamicTest(e.getKey() + ": state snapshot", check::stateIsASnapshot),
                    DynamicTest.dynamicTest(e.getKey() + ": learning rate", check::learningRateReadsBack)).stream();
        });
    }
}
