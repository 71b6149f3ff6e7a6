package org.neurite.plugins.perceptron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.neurite.plugins.perceptron.PluginComponents.components;
import static org.neurite.plugins.perceptron.PluginComponents.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.neurite.api.Layer;
import org.neurite.api.Mode;
import org.neurite.api.OptionException;
import org.neurite.api.Options;
import org.neurite.api.Parameter;
import org.neurite.api.ShapeMismatchException;
import org.neurite.api.Tensor;
import org.neurite.engine.data.Dataset;
import org.neurite.engine.data.SyntheticData;
import org.neurite.engine.nn.Sequential;
import org.neurite.engine.train.Evaluator;
import org.neurite.engine.train.Trainer;
import org.neurite.engine.train.TrainingHistory;

class MlpTest {

    @Test
    void buildsDenseLayersOfTheHiddenSizesAndAnOutputLayer() {
        Sequential net = model(List.of(784), List.of(
                Map.of("type", "mlp", "hidden", List.of(256, 128), "activation", "relu", "output", 10)));

        assertThat(net.outputShape().dims()).containsExactly(10);
        assertThat(net.parameters()).containsOnlyKeys("0.0.weight", "0.0.bias", "0.1.weight", "0.1.bias",
                "0.2.weight", "0.2.bias");
        assertThat(net.parameters().get("0.0.weight").shape().dims()).containsExactly(256, 784);
        assertThat(net.parameters().get("0.1.weight").shape().dims()).containsExactly(128, 256);
        assertThat(net.parameters().get("0.2.weight").shape().dims()).containsExactly(10, 128);
    }

    @Test
    void isExactlyTheStackOfDenseLayersItStandsFor() {
        Sequential block = model(List.of(5), List.of(
                Map.of("type", "mlp", "hidden", List.of(8, 6), "activation", "tanh", "output", 3)));
        Sequential spelledOut = model(List.of(5), List.of(
                Map.of("type", "dense", "units", 8, "activation", "tanh"),
                Map.of("type", "dense", "units", 6, "activation", "tanh"),
                Map.of("type", "dense", "units", 3)));
        Tensor x = org.neurite.engine.CpuBackend.instance().tensor(
                new float[] {0.1f, -0.2f, 0.3f, 0.5f, -1, 2, 0, 0.25f, -0.75f, 1}, org.neurite.api.Shape.of(2, 5));

        Tensor a = block.forward(x, Mode.TRAINING);
        Tensor b = spelledOut.forward(x, Mode.TRAINING);
        a.sum().backward();
        b.sum().backward();

        // Same seed, same draws in the same order: same weights, outputs and gradients to the bit.
        assertThat(a.toArray()).containsExactly(b.toArray());
        List<Parameter> mine = List.copyOf(block.parameters().values());
        List<Parameter> theirs = List.copyOf(spelledOut.parameters().values());
        assertThat(mine).hasSameSizeAs(theirs);
        for (int i = 0; i < mine.size(); i++) {
            assertThat(mine.get(i).data()).containsExactly(theirs.get(i).data());
            assertThat(mine.get(i).gradient()).containsExactly(theirs.get(i).gradient());
        }
    }

    @Test
    void dropoutFollowsEachHiddenLayerAndActsOnlyInTraining() {
        Sequential net = model(List.of(4), List.of(
                Map.of("type", "mlp", "hidden", List.of(16, 16), "dropout", 0.5, "output", 2)));
        MlpBlock block = (MlpBlock) net.layers().get(0);

        assertThat(block.parts()).extracting(Layer::type).containsExactly("dense", "dropout", "dense", "dropout", "dense");
        assertThat(net.parameters()).containsOnlyKeys("0.0.weight", "0.0.bias", "0.2.weight", "0.2.bias",
                "0.4.weight", "0.4.bias");
        Tensor x = org.neurite.engine.CpuBackend.instance().ones(org.neurite.api.Shape.of(1, 4));
        assertThat(net.forward(x, Mode.INFERENCE).toArray()).containsExactly(net.forward(x, Mode.INFERENCE).toArray());
    }

    @Test
    void aSingleHiddenSizeMayBeWrittenAsANumber() {
        Sequential net = model(List.of(3), List.of(Map.of("type", "mlp", "hidden", 7)));

        assertThat(net.outputShape().dims()).containsExactly(7);
    }

    @Test
    void theSavedArchitectureRebuildsTheSameBlock() {
        Sequential net = model(List.of(3), List.of(
                Map.of("type", "mlp", "hidden", List.of(4), "activation", Map.of("name", "leaky_relu", "slope", 0.1),
                        "output", 2)));

        Sequential rebuilt = Sequential.fromOptions(Options.of("model", net.architecture()), components(), 0);

        assertThat(rebuilt.parameters().get("0.1.weight").data()).containsExactly(net.parameters().get("0.1.weight").data());
    }

    @Test
    void learnsXorWhichNoSinglePerceptronCan() {
        Dataset xor = SyntheticData.xor();
        Sequential net = model(List.of(2), List.of(
                Map.of("type", "mlp", "hidden", List.of(8), "activation", "tanh", "output", 2)));
        var loss = components().loss("cross_entropy", Options.empty());

        TrainingHistory history = Trainer.builder(net, loss,
                components().optimizer("adam", Options.of(Map.of("lr", 0.05)))).epochs(200).batchSize(0).build()
                .fit(xor);

        assertThat(history.last().loss()).isLessThan(0.1);
        assertThat(new Evaluator(net, loss, 0).evaluate(xor).accuracy()).isEqualTo(1.0);
    }

    static Stream<Arguments> badOptions() {
        return Stream.of(
                Arguments.of(Map.of("hidden", List.of(256, 0)), "model.layers[0].hidden[1]: must be a positive whole number, got 0"),
                Arguments.of(Map.of("hidden", List.of()), "model.layers[0].hidden: expected at least one whole number, got []"),
                Arguments.of(Map.of(), "model.layers[0].hidden: is required but missing"),
                Arguments.of(Map.of("hidden", List.of(8), "activation", "rellu"),
                        "model.layers[0].activation: unknown activation 'rellu' (did you mean 'relu'?)"),
                Arguments.of(Map.of("hidden", List.of(8), "dropout", 1.0), "model.layers[0].dropout: must be in [0, 1), got 1.0"),
                Arguments.of(Map.of("hidden", List.of(8), "output", -1),
                        "model.layers[0].output: must be a positive whole number, got -1"),
                Arguments.of(Map.of("hidden", List.of(8), "units", 4),
                        "model.layers[0].units: unknown option"));
    }

    @ParameterizedTest
    @MethodSource("badOptions")
    void optionErrorsNameTheKeyPath(Map<String, Object> options, String message) {
        Map<String, Object> layer = new LinkedHashMap<>(options);
        layer.put("type", "mlp");

        assertThatThrownBy(() -> model(List.of(4), List.of(layer)))
                .isInstanceOf(OptionException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void anInputWithoutFeaturesIsAShapeErrorAtTheBlock() {
        assertThatThrownBy(() -> model(List.of(), List.of(Map.of("type", "mlp", "hidden", List.of(8)))))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessageContaining("model.layers[0] (mlp)");
    }
}
