package org.neurite.engine.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.neurite.api.Mode;
import org.neurite.api.Shape;
import org.neurite.engine.tensor.CpuTensor;

class LayerNormLayerTest {

    @TestFactory
    Stream<DynamicNode> harness() {
        return LayerTestHarness.run(List.of(
                LayerCase.of("layer_norm", Map.of()).input(6).output(6).parameters(12)
                        .rejectsOptions(Map.of("epsilon", 0), "model.layers[0].epsilon: must be a positive number, got 0.0")
                        .rejectsOptions(Map.of("affine", true), "model.layers[0].affine: unknown option; known options:"
                                + " epsilon, elementwise_affine")
                        .rejectsInput(new int[0], "model.layers[0] (layer_norm): expects an input with a non-empty last"
                                + " axis but the input is []"),
                LayerCase.of("layer_norm", Map.of("elementwise_affine", false, "epsilon", 1e-3)).input(3, 5).output(3, 5)));
    }

    /** Values from torch 1.13: nn.LayerNorm(3) at its initial weights. */
    @Test
    void matchesTorchLayerNorm() {
        CpuTensor x = CpuTensor.wrap(new float[] {1, 2, 3, 4, -5, 6, 0.5f, 0, -1, 2, 2, 2}, Shape.of(4, 3));
        float[] y = new LayerNormLayer(3, 1e-5, true).forward(x, Mode.INFERENCE).toArray();
        assertThat(y).containsExactly(new float[] {-1.2247356f, 0f, 1.2247356f, 0.4877130f, -1.3934658f, 0.9057528f,
                1.0690310f, 0.2672578f, -1.3362889f, 0f, 0f, 0f}, within(1e-5f));
    }
}
