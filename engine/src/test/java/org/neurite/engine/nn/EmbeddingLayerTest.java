package org.neurite.engine.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.neurite.api.Mode;
import org.neurite.api.Shape;
import org.neurite.api.Tensor;
import org.neurite.engine.tensor.CpuTensor;

class EmbeddingLayerTest {

    @TestFactory
    Stream<DynamicNode> harness() {
        return LayerTestHarness.run(List.of(
                LayerCase.of("embedding", Map.of("vocabulary", 10, "dim", 4)).input(5).indices(10).output(5, 4)
                        .parameters(40)
                        .rejectsOptions(Map.of("vocabulary", 0, "dim", 4),
                                "model.layers[0].vocabulary: must be a positive whole number, got 0")
                        .rejectsOptions(Map.of("vocabulary", 10), "model.layers[0].dim: is required but missing"),
                LayerCase.of("embedding", Map.of("vocabulary", 3, "dim", 2)).input().indices(3).output(2)
                        .parameters(6)));
    }

    @Test
    void looksUpRowsOfTheTable() {
        EmbeddingLayer embedding = new EmbeddingLayer(4, 3, new SplittableRandom(1));
        float[] table = embedding.weight().data();
        Tensor y = embedding.forward(CpuTensor.wrap(new float[] {2, 0}, Shape.of(1, 2)), Mode.INFERENCE);
        assertThat(y.shape()).isEqualTo(Shape.of(1, 2, 3));
        float[] expected = new float[6];
        System.arraycopy(table, 6, expected, 0, 3);
        System.arraycopy(table, 0, expected, 3, 3);
        assertThat(y.toArray()).containsExactly(expected);
    }

    @Test
    void defaultTableIsStandardNormal() {
        float[] table = new EmbeddingLayer(1000, 10, new SplittableRandom(2)).weight().data();
        double mean = 0;
        double sq = 0;
        for (float v : table) {
            mean += v;
            sq += v * v;
        }
        mean /= table.length;
        assertThat(mean).isBetween(-0.05, 0.05);
        assertThat(sq / table.length - mean * mean).isBetween(0.95, 1.05);
        assertThat(table).hasSize(10000);
    }

    @Test
    void refusesAnIndexOutsideTheTable() {
        EmbeddingLayer embedding = new EmbeddingLayer(4, 3, new SplittableRandom(1));
        assertThatThrownBy(() -> embedding.forward(CpuTensor.wrap(new float[] {1, 4}, Shape.of(2)), Mode.INFERENCE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4");
    }
}
