package org.neurite.testkit;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.neurite.api.OptimizerProvider;
import org.neurite.api.Options;
import org.neurite.engine.check.OptimizerCheck;
import org.neurite.engine.registry.Components;

/**
 * The contract of an optimizer, as JUnit 5 dynamic tests, on a small quadratic problem: steps
 * lower the loss and leave buffers alone; a new optimizer given the saved {@code state()} (as a
 * checkpoint restores it) continues bit for bit as the original; {@code state()} is a snapshot;
 * the learning rate reads back as set. The optimizer is created as a run creates it, with its
 * options checked against the provider's specs.
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicNode> contract() {
 *     return OptimizerContract.of(new LionProvider(), Map.of("lr", 1e-3)).tests();
 * }
 * }</pre>
 */
public final class OptimizerContract {

    private final OptimizerProvider provider;
    private final Map<String, Object> options;

    private OptimizerContract(OptimizerProvider provider, Map<String, ?> options) {
        this.provider = provider;
        this.options = Map.copyOf(options);
    }

    /**
     * @param provider the provider of the optimizer under test
     * @param options its options, as a config writes them
     * @return the contract of that configuration
     */
    public static OptimizerContract of(OptimizerProvider provider, Map<String, ?> options) {
        return new OptimizerContract(provider, options);
    }

    /** @return the contract's tests, for a {@code @TestFactory} */
    public Stream<DynamicNode> tests() {
        Components components = KitComponents.of(List.of(provider));
        OptimizerCheck check = OptimizerCheck.of(() -> components.optimizer(provider.name(),
                Options.of("optimizer", options)));
        return Stream.of(DynamicContainer.dynamicContainer(provider.name() + " " + options, Stream.of(
                DynamicTest.dynamicTest("steps lower the loss", check::stepsLowerTheLoss),
                DynamicTest.dynamicTest("state restore continues bit-identically", check::stateRestoreContinuesExactly),
                DynamicTest.dynamicTest("state() is a snapshot", check::stateIsASnapshot),
                DynamicTest.dynamicTest("learning rate reads back", check::learningRateReadsBack))));
    }
}
