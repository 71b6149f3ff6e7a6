package org.neurite.plugins.transformer;

import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.neurite.testkit.LayerContract;

/**
 * The test kit's layer contract (shapes, parameter count, options, save and load, seeds,
 * gradients, training) for each layer used with one input; the several-input forms are checked
 * in {@link GradientsTest} and {@link TorchParityTest}.
 */
class LayerContractsTest {

    @TestFactory
    Stream<DynamicNode> multiHeadAttention() {
        // in_proj 3 * 8 * 8 + 24, out_proj 8 * 8 + 8
        return LayerContract.of(new MultiHeadAttentionProvider(), Map.of("heads", 2, "causal", true)).input(5, 8)
                .output(5, 8).parameters(288).rejects(Map.of("heads", 3), "heads").tests();
    }

    @TestFactory
    Stream<DynamicNode> encoderLayer() {
        // attention 288, linear1 8 * 16 + 16, linear2 16 * 8 + 8, two norms of 16
        return LayerContract.of(new EncoderLayerProvider(), Map.of("heads", 2, "feedforward", 16, "dropout", 0.0,
                "activation", "gelu", "norm_first", true)).input(5, 8).output(5, 8).parameters(600)
                .rejects(Map.of("heads", 2, "activation", "swish"), "activation").tests();
    }

    @TestFactory
    Stream<DynamicNode> encoderStack() {
        // two encoder layers of 600 parameters each (as encoderLayer's)
        return LayerContract.of(new TransformerEncoderProvider(), Map.of("num_layers", 2, "heads", 2, "feedforward", 16,
                "dropout", 0.0, "activation", "gelu", "norm_first", true)).input(5, 8).output(5, 8).parameters(1200)
                .rejects(Map.of("num_layers", 0, "heads", 2), "num_layers").tests();
    }

    @TestFactory
    Stream<DynamicNode> patchEmbedding() {
        return LayerContract.of(new PatchEmbeddingProvider(), Map.of("patch", 2, "dim", 3)).input(4, 6).output(6, 3)
                .parameters(15).rejects(Map.of("patch", 0, "dim", 3), "patch").tests();
    }

    @TestFactory
    Stream<DynamicNode> sinusoidalPositions() {
        // The learned table is checked in GradientsTest: an offset per position cannot fit the
        // contract's random per-sample targets well enough for its training check.
        return LayerContract.of(new PositionalEncodingProvider(), Map.of("kind", "sinusoidal", "max_length", 6))
                .input(5, 4).output(5, 4).parameters(0).rejects(Map.of("kind", "rotary"), "kind").tests();
    }

    @TestFactory
    Stream<DynamicNode> sequencePool() {
        return LayerContract.of(new SequencePoolProvider(), Map.of("mode", "mean")).input(5, 4).output(4)
                .parameters(0).rejects(Map.of("mode", "max"), "mode").tests();
    }
}
