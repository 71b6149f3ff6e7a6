package org.neurite.plugins.cnn;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.neurite.api.Shape;
import org.neurite.testkit.Gradients;
import org.neurite.testkit.LayerContract;

/**
 * The test kit's layer contract for every layer of the plugin: shapes without data and on the
 * forward, parameter counts and names, the config round trip, gradients of input and parameters
 * against finite differences, a short training run whose loss falls, and refused options.
 */
class ContractTest {

    /** A smaller step for max pools, so that finite differences rarely move a window's maximum to another pixel. */
    private static final Gradients NEAR_TIES = Gradients.create().step(1e-3);

    @TestFactory
    Stream<DynamicNode> conv2d() {
        return Stream.of(
                LayerContract.of(new ConvProviders.Conv2d(), Map.of("filters", 4, "kernel", 3, "stride", List.of(2, 1),
                        "padding", List.of(2, 0, 1, 1), "dilation", List.of(1, 2), "activation", "tanh"))
                        .input(3, 5, 6).output(4, 3, 4).parameters(4 * 3 * 9 + 4).alsoOn(Shape.of(3, 9, 9))
                        .rejects(Map.of("filters", 4, "kernel", 3, "stride", 0), "stride")
                        .rejects(Map.of("filters", 4, "kernel", 3, "padding", "full"), "padding")
                        .rejects(Map.of("filters", 6, "kernel", 3, "groups", 4), "groups").tests(),
                LayerContract.of(new ConvProviders.Conv2d(), Map.of("filters", 8, "kernel", 3, "padding", "same",
                        "groups", 4, "use_bias", false)).input(4, 3, 3).output(8, 3, 3).parameters(8 * 9).tests())
                .flatMap(s -> s);
    }

    @TestFactory
    Stream<DynamicNode> conv1d() {
        return LayerContract.of(new ConvProviders.Conv1d(), Map.of("filters", 2, "kernel", 3, "padding", List.of(1, 2),
                "groups", 2)).input(4, 9).output(2, 10).parameters(2 * 2 * 3 + 2).tests();
    }

    @TestFactory
    Stream<DynamicNode> convTranspose2d() {
        return LayerContract.of(new ConvProviders.ConvTranspose2d(), Map.of("filters", 2, "kernel", 3, "stride", 2,
                "padding", 1, "output_padding", 1)).input(6, 2, 2).output(2, 4, 4).parameters(6 * 2 * 9 + 2)
                .rejects(Map.of("filters", 3, "kernel", 3, "stride", 2, "output_padding", 2), "output_padding").tests();
    }

    @TestFactory
    Stream<DynamicNode> pooling() {
        return Stream.of(
                LayerContract.of(new PoolLayer.MaxProvider(), Map.of("kernel", 2)).input(2, 6, 4).output(2, 3, 2)
                        .parameters(0).gradients(NEAR_TIES).rejects(Map.of("kernel", 2, "padding", 2), "padding").tests(),
                LayerContract.of(new PoolLayer.AvgProvider(), Map.of("kernel", 3, "stride", 2, "padding", 1))
                        .input(2, 6, 5).output(2, 3, 3).parameters(0).tests(),
                LayerContract.of(new AdaptivePoolLayer.GlobalAvgProvider(), Map.of()).input(3, 4, 5).output(3)
                        .parameters(0).tests(),
                LayerContract.of(new AdaptivePoolLayer.GlobalMaxProvider(), Map.of()).input(3, 4, 5).output(3)
                        .parameters(0).gradients(NEAR_TIES).tests(),
                LayerContract.of(new AdaptivePoolLayer.AdaptiveAvgProvider(), Map.of("output_size", List.of(3, 2)))
                        .input(2, 7, 5).output(2, 3, 2).parameters(0).tests(),
                LayerContract.of(new AdaptivePoolLayer.AdaptiveMaxProvider(), Map.of("output_size", 2))
                        .input(2, 6, 5).output(2, 2, 2).parameters(0).gradients(NEAR_TIES).tests())
                .flatMap(s -> s);
    }

    @TestFactory
    Stream<DynamicNode> reshaping() {
        return Stream.of(
                LayerContract.of(new UpsampleLayer.Provider(), Map.of("size", List.of(5, 7), "mode", "bilinear"))
                        .input(2, 3, 4).output(2, 5, 7).parameters(0)
                        .rejects(Map.of("size", 4, "mode", "cubic"), "mode").tests(),
                LayerContract.of(new UpsampleLayer.Provider(), Map.of("scale_factor", 2)).input(2, 3, 4)
                        .output(2, 6, 8).parameters(0).tests(),
                LayerContract.of(new ZeroPad2dLayer.Provider(), Map.of("padding", List.of(1, 0, 2, 1)))
                        .input(2, 3, 4).output(2, 4, 7).parameters(0).tests(),
                LayerContract.of(new Dropout2dLayer.Provider(), Map.of("rate", 0.3)).input(4, 3, 3).output(4, 3, 3)
                        .parameters(0).randomForward().rejects(Map.of("rate", 1.0), "rate").tests())
                .flatMap(s -> s);
    }
}
