package org.neurite.engine.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.neurite.api.Mode;
import org.neurite.engine.Fixtures;

class PermuteLayerTest {

    @TestFactory
    Stream<DynamicNode> harness() {
        return LayerTestHarness.run(List.of(
                LayerCase.of("permute", Map.of("dims", List.of(1, 0))).input(3, 5).output(5, 3)
                        .rejectsOptions(Map.of("dims", List.of(0, 0)), "model.layers[0].dims: dims must be a permutation"
                                + " of 0..1, got [0, 0]")
                        .rejectsInput(new int[] {15}, "model.layers[0] (permute): expects an input of rank 2 (dims [1, 0])"
                                + " but the input is [15]"),
                LayerCase.of("permute", Map.of("dims", List.of(1, 2, 0))).input(1, 4, 3).output(4, 3, 1)));
    }

    /** As torch: x.permute(0, 2, 1) of a [1, 2, 3] batch. */
    @Test
    void turnsRowsIntoColumnsOfEachSample() {
        float[] y = new PermuteLayer(1, 0).forward(Fixtures.tensor(new float[] {1, 2, 3, 4, 5, 6}, 1, 2, 3),
                Mode.INFERENCE).toArray();
        assertThat(y).containsExactly(1, 4, 2, 5, 3, 6);
    }
}
