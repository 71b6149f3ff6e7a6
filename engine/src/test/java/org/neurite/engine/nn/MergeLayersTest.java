package org.neurite.engine.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.neurite.api.Layer;
import org.neurite.api.Mode;
import org.neurite.api.MultiInputLayer;
import org.neurite.api.Options;
import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;
import org.neurite.engine.Fixtures;
import org.neurite.engine.GradCheck;
import org.neurite.engine.registry.Components;
import org.neurite.engine.registry.EngineLayerContext;

class MergeLayersTest {

    private static MultiInputLayer create(String type, Map<String, ?> options, Shape... inputs) {
        EngineLayerContext context = EngineLayerContext.seeded(Components.builtIns(), 0, "model.layers[0]");
        Layer layer = context.layer(type, Options.of("model.layers[0]", options), List.of(inputs));
        return (MultiInputLayer) layer;
    }

    @Test
    void addSumsItsInputsBroadcastingAxesOfLengthOne() {
        MultiInputLayer add = create("add", Map.of(), Shape.of(2, 3), Shape.of(2, 1), Shape.of(2, 3));

        assertThat(add.outputShape(List.of(Shape.of(2, 3), Shape.of(2, 1), Shape.of(2, 3)))).isEqualTo(Shape.of(2, 3));
        assertThat(add.forward(List.of(Fixtures.tensor(new float[] {1, 2, 3, 4, 5, 6}, 1, 2, 3),
                Fixtures.tensor(new float[] {10, 20}, 1, 2, 1), Fixtures.tensor(new float[] {0, 0, 0, 1, 1, 1}, 1, 2, 3)),
                Mode.INFERENCE).toArray()).containsExactly(11, 12, 13, 25, 26, 27);
        assertThat(add.parameters()).isEmpty();
        GradCheck.create().check(in -> add.forward(List.copyOf(in), Mode.TRAINING),
                GradCheck.random(1, 4, 2, 3), GradCheck.random(2, 4, 2, 1), GradCheck.random(3, 4, 2, 3));
    }

    @Test
    void multiplyMultipliesItsInputsElementwise() {
        MultiInputLayer multiply = create("multiply", Map.of(), Shape.of(3), Shape.of(3));

        assertThat(multiply.forward(List.of(Fixtures.tensor(new float[] {1, 2, 3}, 1, 3),
                Fixtures.tensor(new float[] {0, 1, -2}, 1, 3)), Mode.INFERENCE).toArray()).containsExactly(0, 2, -6);
        GradCheck.create().check(in -> multiply.forward(List.copyOf(in), Mode.TRAINING),
                GradCheck.random(4, 5, 3), GradCheck.random(5, 5, 3));
    }

    @Test
    void concatJoinsAlongAPerSampleAxis() {
        MultiInputLayer last = create("concat", Map.of(), Shape.of(2, 2), Shape.of(2, 1));
        MultiInputLayer first = create("concat", Map.of("axis", 0), Shape.of(1, 2), Shape.of(2, 2));

        assertThat(last.outputShape(List.of(Shape.of(2, 2), Shape.of(2, 1)))).isEqualTo(Shape.of(2, 3));
        assertThat(first.outputShape(List.of(Shape.of(1, 2), Shape.of(2, 2)))).isEqualTo(Shape.of(3, 2));
        assertThat(last.forward(List.of(Fixtures.tensor(new float[] {1, 2, 3, 4}, 1, 2, 2),
                Fixtures.tensor(new float[] {9, 8}, 1, 2, 1)), Mode.INFERENCE).toArray())
                .containsExactly(1, 2, 9, 3, 4, 8);
        assertThat(last.options().asMap()).containsExactly(Map.entry("axis", -1));
        GradCheck.create().check(in -> first.forward(List.copyOf(in), Mode.TRAINING),
                GradCheck.random(6, 3, 1, 2), GradCheck.random(7, 3, 2, 2));
    }

    @Test
    void refusesOneInputOrShapesThatDoNotMatch() {
        assertThatThrownBy(() -> create("add", Map.of(), Shape.of(3)))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessage("add: takes at least two inputs, given 1");
        assertThatThrownBy(() -> create("multiply", Map.of(), Shape.of(3), Shape.of(1, 3)))
                .hasMessage("multiply: input shapes [3] and [1, 3] do not match: of different ranks; each axis must be"
                        + " equal or 1");
        assertThatThrownBy(() -> create("concat", Map.of("axis", 2), Shape.of(3, 2), Shape.of(3, 2)))
                .hasMessage("concat: axis 2 is outside inputs of rank 2 ([3, 2] and [3, 2])");
        assertThatThrownBy(() -> create("concat", Map.of("dim", 0), Shape.of(3), Shape.of(3)))
                .hasMessageStartingWith("model.layers[0].dim: unknown option");
    }
}
