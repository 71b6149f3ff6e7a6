package org.neurite.engine.recurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.neurite.api.Mode;
import org.neurite.api.OptionException;
import org.neurite.api.Options;
import org.neurite.api.Parameter;
import org.neurite.api.RecurrentCell;
import org.neurite.api.Shape;
import org.neurite.api.StackedRecurrentLayer;
import org.neurite.api.Tensor;
import org.neurite.engine.CpuBackend;
import org.neurite.engine.registry.Components;
import org.neurite.engine.registry.EngineLayerContext;

/**
 * {@code stateful: true}: in training, a batch starts from the final state of the batch before,
 * detached, so two windows in a row give what one run over both gives, while the gradient stops
 * at the window's start; a reset, a batch of another size and inference start from zeros.
 */
class StatefulRecurrentLayerTest {

    private static final int TIME = 6;

    private static StackedRecurrentLayer lstm(Map<String, Object> options) {
        return (StackedRecurrentLayer) StackedRecurrentLayerTest.provider(RecurrentCell.LSTM).create(
                Options.of("model.layers[1]", options), List.of(Shape.of(TIME, 3)),
                new EngineLayerContext(Components.builtIns(), CpuBackend.instance(), new SplittableRandom(7),
                        "model.layers[1]"));
    }

    private static StackedRecurrentLayer lstm(boolean stateful) {
        return lstm(Map.of("hidden_size", 5, "num_layers", 2, "return_sequences", true, "stateful", stateful));
    }

    @Test
    void theNextWindowContinuesFromTheStateTheLastOneEndedIn() {
        StackedRecurrentLayer plain = lstm(false);
        StackedRecurrentLayer stateful = lstm(true);
        Tensor both = random(1, 2, 2 * TIME, 3);
        Tensor whole = plain.forward(List.of(both), Mode.TRAINING);

        Tensor first = stateful.forward(List.of(both.slice(1, 0, TIME)), Mode.TRAINING);
        Tensor second = stateful.forward(List.of(both.slice(1, TIME, 2 * TIME)), Mode.TRAINING);

        assertClose(first, whole.slice(1, 0, TIME));
        assertClose(second, whole.slice(1, TIME, 2 * TIME));
        assertThat(stateful.carriesState()).isTrue();
        assertThat(plain.carriesState()).isFalse();
    }

    @Test
    void theGradientStopsAtTheStartOfTheWindow() {
        StackedRecurrentLayer stateful = lstm(true);
        StackedRecurrentLayer given = lstm(false);
        Tensor both = random(2, 2, 2 * TIME, 3);
        stateful.forward(List.of(both.slice(1, 0, TIME)), Mode.TRAINING);
        // the same first window, its final state handed to a plain stack as constant initial state
        List<Tensor> end = given.run(List.of(both.slice(1, 0, TIME)), Mode.TRAINING).finalState();
        List<Tensor> h0c0 = end.stream().map(s -> s.detach().transpose(0, 1)).toList();

        stateful.forward(List.of(both.slice(1, TIME, 2 * TIME)), Mode.TRAINING).sum().backward();
        given.forward(List.of(both.slice(1, TIME, 2 * TIME), h0c0.get(0), h0c0.get(1)), Mode.TRAINING).sum()
                .backward();

        for (String name : stateful.parameters().keySet()) {
            Parameter carried = stateful.parameters().get(name);
            Parameter constant = given.parameters().get(name);
            assertClose(carried.value().grad(), constant.value().grad());
        }
    }

    @Test
    void aResetAnotherBatchSizeAndInferenceStartFromZeros() {
        StackedRecurrentLayer plain = lstm(false);
        StackedRecurrentLayer stateful = lstm(true);
        Tensor x = random(3, 2, TIME, 3);
        Tensor fresh = plain.forward(List.of(x), Mode.TRAINING);

        stateful.forward(List.of(x), Mode.TRAINING);
        assertClose(stateful.forward(List.of(x), Mode.INFERENCE), fresh);
        stateful.resetState();
        assertClose(stateful.forward(List.of(x), Mode.TRAINING), fresh);
        // a batch of three rows cannot continue two
        Tensor three = random(4, 3, TIME, 3);
        assertClose(stateful.forward(List.of(three), Mode.TRAINING), plain.forward(List.of(three), Mode.TRAINING));
    }

    @Test
    void aBidirectionalLayerCannotBeStateful() {
        assertThatThrownBy(() -> lstm(Map.of("hidden_size", 5, "bidirectional", true, "stateful", true)))
                .isInstanceOf(OptionException.class)
                .hasMessageContaining("model.layers[1].stateful")
                .hasMessageContaining("reverse direction starts at the end of each window");
    }

    private static Tensor random(long seed, int... dims) {
        SplittableRandom random = new SplittableRandom(seed);
        Shape shape = Shape.of(dims);
        float[] values = new float[shape.intSize()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return CpuBackend.instance().tensor(values, shape);
    }

    private static void assertClose(Tensor actual, Tensor expected) {
        assertThat(actual.shape()).isEqualTo(expected.shape());
        float[] a = actual.toArray();
        float[] e = expected.toArray();
        for (int i = 0; i < a.length; i++) {
            assertThat(a[i]).as("element %d", i).isCloseTo(e[i], within(1e-5f));
        }
    }
}
