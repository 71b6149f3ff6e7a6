package org.neurite.engine.recurrent;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.neurite.api.Mode;
import org.neurite.api.Options;
import org.neurite.api.RecurrentCell;
import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;
import org.neurite.api.StackedRecurrentLayer;
import org.neurite.api.Tensor;
import org.neurite.engine.CpuBackend;
import org.neurite.engine.registry.Components;
import org.neurite.engine.registry.EngineLayerContext;

/**
 * The bad inputs of a recurrent stack, each refused with one line naming the layer (its key path
 * and type) and the shapes: a sequence longer than {@code max_length}, a mask that does not match
 * the sequence, an initial state of the wrong size, a step with a state of the wrong size.
 */
class RecurrentBadInputTest {

    private static final String WHERE = "model.layers[2] (lstm)";

    private static StackedRecurrentLayer lstm(List<Shape> inputs) {
        return (StackedRecurrentLayer) StackedRecurrentLayerTest.provider(RecurrentCell.LSTM).create(
                Options.of("model.layers[2]", Map.of("hidden_size", 4, "num_layers", 2, "max_length", 6)), inputs,
                new EngineLayerContext(Components.builtIns(), CpuBackend.instance(), new SplittableRandom(0),
                        "model.layers[2]"));
    }

    private static Tensor zeros(int... dims) {
        return CpuBackend.instance().zeros(Shape.of(dims));
    }

    @Test
    void aSequenceLongerThanMaxLengthIsRefusedWhenTheModelIsBuiltAndWhenItRuns() {
        assertThatThrownBy(() -> lstm(List.of(Shape.of(7, 3))))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessage(WHERE + ": sequence of 7 steps is longer than max_length 6");
        StackedRecurrentLayer layer = lstm(List.of(Shape.of(5, 3)));
        assertThatThrownBy(() -> layer.forward(List.of(zeros(2, 9, 3)), Mode.INFERENCE))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessage(WHERE + ": sequence of 9 steps is longer than max_length 6");
    }

    @Test
    void aMaskThatDoesNotMatchTheSequenceNamesBothShapes() {
        assertThatThrownBy(() -> lstm(List.of(Shape.of(5, 3), Shape.of(4))))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessage(WHERE + ": mask [4] does not match the sequence: expected [5] per sample");
        StackedRecurrentLayer layer = lstm(List.of(Shape.of(5, 3), Shape.of(5)));
        assertThatThrownBy(() -> layer.forward(List.of(zeros(2, 5, 3), zeros(3, 5)), Mode.TRAINING))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessageStartingWith(WHERE + ": mask");
    }

    @Test
    void anInitialStateOfTheWrongSizeNamesTheShapeItMustHave() {
        assertThatThrownBy(() -> lstm(List.of(Shape.of(5, 3), Shape.of(2, 5), Shape.of(2, 5))))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessage(WHERE + ": initial state [2, 5] must be [layers * directions, hidden] = [2, 4]");
        assertThatThrownBy(() -> lstm(List.of(Shape.of(5, 3), Shape.of(2, 4))))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessageContaining(WHERE + ": takes the sequence, then h0 and c0");
    }

    @Test
    void aStepWithAStateOfTheWrongSizeNamesIt() {
        StackedRecurrentLayer layer = lstm(List.of(Shape.of(5, 3)));
        assertThatThrownBy(() -> layer.step(zeros(1, 3), List.of(zeros(2, 1, 5), zeros(2, 1, 5))))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessage(WHERE + ": state [2, 1, 5] must be [2, 1, 4]");
    }
}
