package org.neurite.engine.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.neurite.api.Mode;
import org.neurite.engine.GradCheck;
import org.neurite.engine.tensor.CpuTensor;

class FlattenLayerTest {

    @TestFactory
    Stream<DynamicNode> harness() {
        return LayerTestHarness.run(List.of(
                LayerCase.of("flatten", Map.of()).input(2, 3, 4).output(24)
                        .rejectsOptions(Map.of("start_dim", 1), "model.layers[0].start_dim: unknown option; known options: none"),
                LayerCase.of("flatten", Map.of()).input(7).output(7)));
    }

    @Test
    void keepsTheRowMajorOrderOfEachSample() {
        CpuTensor x = GradCheck.random(3, 2, 3, 2);
        assertThat(new FlattenLayer().forward(x, Mode.INFERENCE).toArray()).containsExactly(x.toArray());
    }
}
