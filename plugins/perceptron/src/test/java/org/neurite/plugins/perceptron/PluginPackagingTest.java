package org.neurite.plugins.perceptron;

import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.neurite.testkit.PluginPackageContract;

/** The plugin as the launcher receives it: the zip the build made, its descriptor, index and contents, loaded by PF4J. */
class PluginPackagingTest {

    @TestFactory
    Stream<DynamicNode> packaging() {
        return PluginPackageContract.of("perceptron", PluginComponents.providers()).describedAs("McCulloch-Pitts").tests();
    }
}
