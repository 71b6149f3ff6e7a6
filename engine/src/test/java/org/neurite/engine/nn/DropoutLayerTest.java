package org.neurite.engine.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.neurite.api.Mode;
import org.neurite.api.Options;
import org.neurite.api.Shape;
import org.neurite.engine.CpuBackend;
import org.neurite.engine.tensor.CpuTensor;

class DropoutLayerTest {

    @TestFactory
    Stream<DynamicNode> harness() {
        return LayerTestHarness.run(List.of(
                LayerCase.of("dropout", Map.of("rate", 0.5)).input(6).output(6).randomForward()
                        .rejectsOptions(Map.of("rate", 1), "model.layers[0].rate: must be in [0, 1), got 1.0")
                        .rejectsOptions(Map.of("rate", -0.1), "model.layers[0].rate: must be in [0, 1), got -0.1")
                        .rejectsOptions(Map.of("p", 0.1), "model.layers[0].p: unknown option; known options: rate"),
                LayerCase.of("dropout", Map.of("rate", 0)).input(2, 3).output(2, 3),
                LayerCase.of("dropout", Map.of()).input(3).output(3).randomForward()));
    }

    @Test
    void dropsAboutRateOfTheElementsAndScalesTheRestInTrainingOnly() {
        DropoutLayer dropout = new DropoutLayer(0.25, new SplittableRandom(3));
        CpuTensor x = CpuTensor.of(CpuBackend.instance().ones(Shape.of(100, 40)));
        float[] y = dropout.forward(x, Mode.TRAINING).toArray();
        int kept = 0;
        for (float v : y) {
            if (v != 0) {
                assertThat(v).isEqualTo(1f / 0.75f);
                kept++;
            }
        }
        assertThat(kept).isBetween(2800, 3200);
        assertThat(dropout.forward(x, Mode.INFERENCE).toArray()).containsExactly(x.toArray());
        assertThat(dropout.options()).isEqualTo(Options.of(Map.of("rate", 0.25)));
    }
}
