package org.neurite.plugins.perceptron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.neurite.plugins.perceptron.PluginComponents.model;
import static org.neurite.plugins.perceptron.PluginComponents.rows;
import static org.neurite.plugins.perceptron.PluginComponents.truthTableInputs;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.neurite.api.Mode;
import org.neurite.api.OptionException;
import org.neurite.api.ShapeMismatchException;
import org.neurite.api.Tensor;
import org.neurite.engine.nn.Sequential;

class McCullochPittsTest {

    /** Gate, weights, thresholds, and the outputs for the inputs in counting order (0, 1 or 00, 01, 10, 11). */
    static Stream<Arguments> gates() {
        return Stream.of(
                Arguments.of("and", List.of(List.of(1, 1)), List.of(2), new float[] {0, 0, 0, 1}),
                Arguments.of("or", List.of(List.of(1, 1)), List.of(1), new float[] {0, 1, 1, 1}),
                Arguments.of("nand", List.of(List.of(-1, -1)), List.of(-1), new float[] {1, 1, 1, 0}),
                Arguments.of("not", List.of(List.of(-1)), List.of(0), new float[] {1, 0}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gates")
    void oneNeuronComputesTheGatesTruthTable(String gate, List<List<Integer>> weights, List<Integer> thresholds,
                                             float[] expected) {
        int width = weights.get(0).size();
        Sequential gateModel = model(List.of(width), List.of(
                Map.of("type", "mcculloch_pitts", "weights", weights, "thresholds", thresholds)));

        Tensor out = gateModel.forward(rows(truthTableInputs(width)), Mode.INFERENCE);

        assertThat(out.shape().dims()).containsExactly(expected.length, 1);
        assertThat(out.toArray()).as(gate).containsExactly(expected);
    }

    @Test
    void twoLayersComputeXor() {
        // x1 XOR x2 = (x1 OR x2) AND (x1 NAND x2)
        Sequential xor = model(List.of(2), List.of(
                Map.of("type", "mcculloch_pitts", "weights", List.of(List.of(1, 1), List.of(-1, -1)),
                        "thresholds", List.of(1, -1)),
                Map.of("type", "mcculloch_pitts", "weights", List.of(List.of(1, 1)), "thresholds", List.of(2))));

        assertThat(xor.forward(rows(truthTableInputs(2)), Mode.INFERENCE).toArray()).containsExactly(0, 1, 1, 0);
    }

    @Test
    void severalUnitsFireIndependently() {
        // AND, OR and NAND side by side; a single threshold number would serve all, here each has its own.
        Sequential gates = model(List.of(2), List.of(Map.of("type", "mcculloch_pitts",
                "weights", List.of(List.of(1, 1), List.of(1, 1), List.of(-1, -1)), "thresholds", List.of(2, 1, -1))));

        Tensor out = gates.forward(rows(truthTableInputs(2)), Mode.INFERENCE);

        assertThat(out.shape().dims()).containsExactly(4, 3);
        assertThat(out.toArray()).containsExactly(
                0, 0, 1,
                0, 1, 1,
                0, 1, 1,
                1, 1, 0);
    }

    @Test
    void aFlatListIsOneUnitAndOneThresholdServesEveryUnit() {
        Sequential majority = model(List.of(3), List.of(
                Map.of("type", "mcculloch_pitts", "weights", List.of(1, 1, 1), "thresholds", 2)));

        assertThat(majority.forward(rows(truthTableInputs(3)), Mode.INFERENCE).toArray())
                .containsExactly(0, 0, 0, 1, 0, 1, 1, 1);
    }

    @Test
    void nothingIsLearned() {
        Sequential and = model(List.of(2), List.of(
                Map.of("type", "mcculloch_pitts", "weights", List.of(List.of(1, 1)), "thresholds", List.of(2))));

        assertThat(and.parameters()).isEmpty();
        assertThat(and.forward(rows(truthTableInputs(2)), Mode.TRAINING).requiresGrad()).isFalse();
    }

    @Test
    void theSavedArchitectureRebuildsTheSameNeurons() {
        Sequential xor = model(List.of(2), List.of(
                Map.of("type", "mcculloch_pitts", "weights", List.of(List.of(1, 1), List.of(-1, -1)),
                        "thresholds", List.of(1, -1)),
                Map.of("type", "mcculloch_pitts", "weights", List.of(List.of(1, 1)), "thresholds", List.of(2))));

        Sequential rebuilt = Sequential.fromOptions(org.neurite.api.Options.of("model", xor.architecture()),
                PluginComponents.components(), 1);

        assertThat(rebuilt.forward(rows(truthTableInputs(2)), Mode.INFERENCE).toArray()).containsExactly(0, 1, 1, 0);
    }

    @Test
    void inputsThatAreNotBinaryAreRejectedNamingTheSample() {
        Sequential and = model(List.of(2), List.of(
                Map.of("type", "mcculloch_pitts", "weights", List.of(List.of(1, 1)), "thresholds", List.of(2))));

        assertThatThrownBy(() -> and.forward(rows(new float[][] {{0, 1}, {1, 0.5f}}), Mode.INFERENCE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("mcculloch_pitts at model.layers[0]: input 0.5 (sample 1, input 1) is not binary;"
                        + " McCulloch-Pitts neurons take inputs 0 or 1");
    }

    @Test
    void weightsThatDoNotFitTheInputAreAShapeError() {
        assertThatThrownBy(() -> model(List.of(3), List.of(
                Map.of("type", "mcculloch_pitts", "weights", List.of(List.of(1, 1)), "thresholds", List.of(2)))))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessageContaining("model.layers[0] (mcculloch_pitts)")
                .hasMessageContaining("expects per-sample inputs [2]")
                .hasMessageContaining("[3]");
    }

    static Stream<Arguments> badOptions() {
        return Stream.of(
                Arguments.of(Map.of("weights", List.of(List.of(1, 1)), "threshold", 2),
                        "model.layers[0].threshold: unknown option (did you mean 'thresholds'?)"),
                Arguments.of(Map.of("thresholds", List.of(2)), "model.layers[0].weights: is required but missing"),
                Arguments.of(Map.of("weights", List.of(List.of(1, 1))),
                        "model.layers[0].thresholds: is required but missing"),
                Arguments.of(Map.of("weights", List.of(List.of(1, 1), List.of(1)), "thresholds", List.of(1, 1)),
                        "model.layers[0].weights[1]: has 1 weights but unit 0 has 2"),
                Arguments.of(Map.of("weights", List.of(List.of(1, "one")), "thresholds", List.of(1)),
                        "model.layers[0].weights[0][1]: expected a number, got \"one\""),
                Arguments.of(Map.of("weights", List.of(), "thresholds", List.of()),
                        "model.layers[0].weights: expected rows of numbers"),
                Arguments.of(Map.of("weights", List.of(List.of(1, 1)), "thresholds", List.of(1, 2)),
                        "model.layers[0].thresholds: expected 1 number (one per unit"),
                Arguments.of(Map.of("weights", List.of(List.of(1, 1)), "thresholds", List.of(true)),
                        "model.layers[0].thresholds[0]: expected a number, got true"));
    }

    @ParameterizedTest
    @MethodSource("badOptions")
    void optionErrorsNameTheKeyPath(Map<String, Object> options, String message) {
        Map<String, Object> layer = new java.util.LinkedHashMap<>(options);
        layer.put("type", "mcculloch_pitts");

        assertThatThrownBy(() -> model(List.of(2), List.of(layer)))
                .isInstanceOf(OptionException.class)
                .hasMessageStartingWith(message);
    }
}
