package org.neurite.plugins.transformer;

import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.neurite.testkit.PluginPackageContract;

/** The plugin as the launcher receives it: the zip the build made, its descriptor, index and contents, loaded by PF4J. */
class PluginPackagingTest {

    @TestFactory
    Stream<DynamicNode> packaging() {
        return PluginPackageContract.of("transformer", PluginComponents.providers()).describedAs("multi-head attention").tests();
    }
}
