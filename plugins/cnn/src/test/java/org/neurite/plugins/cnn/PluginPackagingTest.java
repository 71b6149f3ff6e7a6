package org.neurite.plugins.cnn;

import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.neurite.testkit.PluginPackageContract;

/** The plugin as the launcher receives it: the zip the build made, its descriptor, index and contents, loaded by PF4J. */
class PluginPackagingTest {

    @TestFactory
    Stream<DynamicNode> packaging() {
        return PluginPackageContract.of("cnn", PluginComponents.providers()).describedAs("conv_transpose2d").tests();
    }
}
