package org.neurite.engine.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.neurite.api.Mode;
import org.neurite.api.OptionException;
import org.neurite.api.Options;
import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;
import org.neurite.api.Tensor;
import org.neurite.engine.GradCheck;
import org.neurite.engine.tensor.CpuTensor;

class DenseLayerTest {

    @TestFactory
    Stream<DynamicNode> harness() {
        return LayerTestHarness.run(List.of(
                LayerCase.of("dense", Map.of("units", 3)).input(5).output(3).parameters(18)
                        .rejectsOptions(Map.of("units", 0), "model.layers[0].units: must be a positive whole number, got 0")
                        .rejectsOptions(Map.of(), "model.layers[0].units: is required but missing")
                        .rejectsOptions(Map.of("unit", 3), "model.layers[0].unit: unknown option (did you mean 'units'?);"
                                + " known options: units, use_bias, activation, weight_init, bias_init")
                        .rejectsOptions(Map.of("units", 3, "use_bias", "yes"),
                                "model.layers[0].use_bias: expected true or false, got \"yes\"")
                        .rejectsOptions(Map.of("units", 3, "activation", "tanhh"),
                                "model.layers[0].activation: unknown activation 'tanhh' (did you mean 'tanh'?); known: ")
                        .rejectsOptions(Map.of("units", 3, "weight_init", Map.of("a", 1)),
                                "model.layers[0].weight_init.name: is required but missing")
                        .rejectsInput(new int[0], "model.layers[0] (dense): expects an input with a non-empty last axis"
                                + " of features but the input is []"),
                LayerCase.of("dense", Map.of("units", 4, "use_bias", false, "activation", "tanh"))
                        .input(2, 3).output(2, 4).parameters(12),
                LayerCase.of("dense", Map.of("units", 2, "weight_init", "xavier_uniform", "bias_init", "zeros"))
                        .input(6).output(2).parameters(14),
                LayerCase.of("dense", Map.of("units", 3, "activation", Map.of("name", "leaky_relu", "slope", 0.1)))
                        .input(4).output(3).parameters(15)
                        .rejectsOptions(Map.of("units", 3, "activation", Map.of("name", "leaky_relu", "slop", 0.1)),
                                "model.layers[0].activation.slop: unknown option (did you mean 'slope'?)")));
    }

    /** Values and gradients from torch 1.13: nn.Linear(3, 2) with these weights, loss sum(y * w). */
    @Test
    void matchesTorchLinear() {
        DenseLayer dense = new DenseLayer(3, 2, new SplittableRandom(0));
        System.arraycopy(new float[] {0.1f, 0.2f, 0.3f, -0.1f, 0f, 0.1f}, 0, dense.weight().data(), 0, 6);
        System.arraycopy(new float[] {0.5f, -0.5f}, 0, dense.bias().data(), 0, 2);
        CpuTensor x = CpuTensor.wrap(new float[] {1, 2, 3, 4, 5, -6}, Shape.of(2, 3)).requireGrad();
        Tensor y = dense.forward(x, Mode.INFERENCE);
        assertThat(y.shape()).isEqualTo(Shape.of(2, 2));
        assertThat(y.toArray()).containsExactly(new float[] {1.9f, -0.3f, 0.1f, -1.5f}, within(1e-6f));
        y.backward(CpuTensor.wrap(new float[] {1, -2, 0.5f, 3}, Shape.of(2, 2)));
        assertThat(x.grad().toArray()).containsExactly(new float[] {0.3f, 0.2f, 0.1f, -0.25f, 0.1f, 0.45f}, within(1e-6f));
        assertThat(dense.weight().gradient()).containsExactly(new float[] {3f, 4.5f, 0f, 10f, 11f, -24f}, within(1e-5f));
        assertThat(dense.bias().gradient()).containsExactly(new float[] {1.5f, 1f}, within(1e-6f));
    }

    @Test
    void defaultInitialValuesAreUniformWithinOneOverSqrtFanIn() {
        DenseLayer dense = new DenseLayer(400, 50, new SplittableRandom(3));
        float bound = (float) (1 / Math.sqrt(400));
        float max = 0;
        for (float v : dense.weight().data()) {
            assertThat(Math.abs(v)).isLessThanOrEqualTo(bound);
            max = Math.max(max, Math.abs(v));
        }
        assertThat(max).isGreaterThan(0.95f * bound);
        for (float v : dense.bias().data()) {
            assertThat(Math.abs(v)).isLessThanOrEqualTo(bound);
        }
        assertThat(dense.weight().shape()).isEqualTo(Shape.of(50, 400));
    }

    @Test
    void sameSeedGivesSameWeights() {
        float[] a = new DenseLayer(7, 3, new SplittableRandom(5)).weight().data();
        float[] b = new DenseLayer(7, 3, new SplittableRandom(5)).weight().data();
        float[] c = new DenseLayer(7, 3, new SplittableRandom(6)).weight().data();
        assertThat(a).containsExactly(b);
        assertThat(a).isNotEqualTo(c);
    }

    @Test
    void javaConstructorRecordsItsOptionsForTheArchitecture() {
        DenseLayer dense = new DenseLayer(4, 3, false, null, new SplittableRandom(0));
        assertThat(dense.options()).isEqualTo(Options.of(Map.of("units", 3, "use_bias", false)));
        assertThat(dense.parameters()).containsOnlyKeys("weight");
        assertThat(dense.bias()).isNull();
    }

    @Test
    void refusesAnInputWithTheWrongLastAxis() {
        DenseLayer dense = new DenseLayer(5, 3, new SplittableRandom(0));
        assertThatThrownBy(() -> dense.forward(GradCheck.random(0, 4, 6), Mode.TRAINING))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessage("dense: expects inputs whose last axis is 5, got [4, 6]");
        assertThatThrownBy(() -> dense.outputShape(Shape.of(6)))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessage("dense: expects an input whose last axis is 5, got [6]");
        assertThatThrownBy(() -> new DenseLayer(0, 3, new SplittableRandom(0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive");
    }

    @Test
    void providerDocumentsEveryOption() {
        assertThat(new DenseLayer.Provider().options()).extracting(o -> o.name())
                .containsExactly("units", "use_bias", "activation", "weight_init", "bias_init");
        assertThatThrownBy(() -> new DenseLayer.Provider().create(Options.of("m", Map.of("units", -2)), Shape.of(3), null))
                .isInstanceOf(OptionException.class)
                .hasMessage("m.units: must be a positive whole number, got -2");
    }
}
