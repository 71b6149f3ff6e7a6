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
import org.neurite.api.Parameter;
import org.neurite.api.Shape;
import org.neurite.engine.tensor.CpuTensor;

class BatchNormLayerTest {

    @TestFactory
    Stream<DynamicNode> harness() {
        return LayerTestHarness.run(List.of(
                LayerCase.of("batch_norm", Map.of()).input(3).output(3).parameters(6)
                        .rejectsOptions(Map.of("momentum", 1.5), "model.layers[0].momentum: must be in [0, 1], got 1.5")
                        .rejectsOptions(Map.of("epsilon", -1), "model.layers[0].epsilon: must be a positive number, got -1.0")
                        .rejectsInput(new int[0], "model.layers[0] (batch_norm): expects an input with a non-empty first"
                                + " axis of features or channels but the input is []"),
                LayerCase.of("batch_norm", Map.of("momentum", 0.5)).input(2, 3, 3).output(2, 3, 3).parameters(4),
                LayerCase.of("batch_norm", Map.of()).input(4).output(4).parameters(8).mode(Mode.INFERENCE)));
    }

    /** Values from torch 1.13: nn.BatchNorm1d(3), one training pass, then eval on the same batch. */
    @Test
    void matchesTorchInTrainingAndInference() {
        CpuTensor x = CpuTensor.wrap(new float[] {1, 2, 3, 4, -5, 6, 0.5f, 0, -1, 2, 2, 2}, Shape.of(4, 3));
        BatchNormLayer bn = new BatchNormLayer(3, 0.1, 1e-5);
        assertThat(bn.forward(x, Mode.TRAINING).toArray()).containsExactly(new float[] {
            -0.6527515f, 0.7863331f, 0.1999999f, 1.5852538f, -1.6600367f, 1.3999989f,
            -1.0257524f, 0.0873704f, -1.3999989f, 0.0932503f, 0.7863331f, -0.1999998f}, within(1e-5f));
        Map<String, Parameter> p = bn.parameters();
        assertThat(p).containsOnlyKeys("weight", "bias", "running_mean", "running_var");
        assertThat(p.get("running_mean").trainable()).isFalse();
        assertThat(p.get("running_mean").data()).containsExactly(new float[] {0.1875f, -0.025f, 0.25f}, within(1e-6f));
        assertThat(p.get("running_var").data()).containsExactly(new float[] {1.1395833f, 1.9916667f, 1.7333333f},
                within(1e-5f));
        assertThat(bn.forward(x, Mode.INFERENCE).toArray()).containsExactly(new float[] {
            0.7611117f, 1.4348801f, 2.0887687f, 3.5713704f, -3.5251992f, 4.3674259f,
            0.2927353f, 0.0177146f, -0.9494404f, 1.6978645f, 1.4348801f, 1.3292165f}, within(1e-5f));
    }
}
