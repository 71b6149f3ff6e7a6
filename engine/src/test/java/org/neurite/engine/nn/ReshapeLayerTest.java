package org.neurite.engine.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;

class ReshapeLayerTest {

    @TestFactory
    Stream<DynamicNode> harness() {
        return LayerTestHarness.run(List.of(
                LayerCase.of("reshape", Map.of("shape", List.of(3, -1))).input(12).output(3, 4)
                        .rejectsOptions(Map.of("shape", List.of(-1, -1)),
                                "model.layers[0].shape: at most one dimension may be -1, got [-1, -1]")
                        .rejectsOptions(Map.of("shape", List.of(0, 12)),
                                "model.layers[0].shape: dimensions must be positive or -1, got [0, 12]")
                        .rejectsOptions(Map.of(), "model.layers[0].shape: is required but missing")
                        .rejectsInput(new int[] {13}, "model.layers[0] (reshape): expects an input of a multiple of 3"
                                + " elements to give [3, -1] but the input is [13]"),
                LayerCase.of("reshape", Map.of("shape", List.of(2, 3, 2))).input(3, 4).output(2, 3, 2)
                        .rejectsInput(new int[] {5}, "model.layers[0] (reshape): expects an input of 12 elements"
                                + " to give [2, 3, 2] but the input is [5]"),
                LayerCase.of("reshape", Map.of("shape", 6)).input(2, 3).output(6)));
    }

    @Test
    void infersTheFreeDimensionWithoutData() {
        assertThat(new ReshapeLayer(-1, 28, 28).outputShape(Shape.of(784))).isEqualTo(Shape.of(1, 28, 28));
        assertThatThrownBy(() -> new ReshapeLayer(-1, 28, 28).outputShape(Shape.of(785)))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessage("reshape: expects an input of a multiple of 784 elements to give [-1, 28, 28], got [785]");
        assertThatThrownBy(() -> new ReshapeLayer(2, -1, -1)).hasMessageContaining("at most one dimension may be -1");
    }
}
