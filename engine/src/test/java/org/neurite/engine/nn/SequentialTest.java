package org.neurite.engine.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.neurite.api.Mode;
import org.neurite.api.OptionException;
import org.neurite.api.Options;
import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;
import org.neurite.engine.GradCheck;
import org.neurite.engine.registry.Components;
import org.neurite.engine.tensor.CpuTensor;

class SequentialTest {

    private static Sequential build(Map<String, ?> model, long seed) {
        return Sequential.fromOptions(Options.of("model", model), Components.builtIns(), seed);
    }

    private static Map<String, Object> dense(int units) {
        return Map.of("type", "dense", "units", units);
    }

    @Test
    void namesParametersByPositionAsTorchSequentialDoes() {
        Sequential model = build(Map.of("input", List.of(4), "layers", List.of(
                dense(3), Map.of("type", "batch_norm"), Map.of("type", "dropout", "rate", 0.1), dense(2))), 0);
        assertThat(model.parameters().keySet()).containsExactly("0.weight", "0.bias", "1.weight", "1.bias",
                "1.running_mean", "1.running_var", "3.weight", "3.bias");
        assertThat(model.parameters().get("1.running_var").trainable()).isFalse();
        assertThat(model.parameters().get("3.weight").shape()).isEqualTo(Shape.of(2, 3));
        assertThat(model.type()).isEqualTo("sequential");
    }

    @Test
    void infersEveryShapeBeforeAnyDataFlows() {
        Sequential model = build(Map.of("input", List.of(1, 28, 28), "layers", List.of(
                Map.of("type", "flatten"), dense(32), Map.of("type", "reshape", "shape", List.of(4, 8)), dense(10))), 0);
        assertThat(model.outputShape()).isEqualTo(Shape.of(4, 10));
        assertThat(model.outputShape(Shape.of(784))).isEqualTo(Shape.of(4, 10));
        assertThat(model.parameters().get("3.weight").shape()).isEqualTo(Shape.of(10, 8));
    }

    @Test
    void suggestsTheClosestLayerTypeForAnUnknownOne() {
        assertThatThrownBy(() -> build(Map.of("input", List.of(4), "layers", List.of(
                dense(3), dense(3), dense(3), Map.of("type", "dnese", "units", 3))), 0))
                .isInstanceOf(OptionException.class)
                .hasMessage("model.layers[3].type: unknown layer type 'dnese' (did you mean 'dense'?); known: activation,"
                        + " add, batch_norm, concat, dense, dropout, embedding, flatten, layer_norm, multiply, permute,"
                        + " reshape, sequential");
    }

    @Test
    void namesTheLayerItsTypeAndBothShapesWhenALayerCannotTakeThePreviousOutput() {
        assertThatThrownBy(() -> build(Map.of("input", List.of(784), "layers", List.of(
                dense(10), Map.of("type", "reshape", "shape", List.of(3, -1)))), 0))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessage("model.layers[1] (reshape): expects an input of a multiple of 3 elements to give [3, -1]"
                        + " but the previous layer gives [10]");
        SplittableRandom r = new SplittableRandom(0);
        assertThatThrownBy(() -> new Sequential(Shape.of(784), List.of(new DenseLayer(784, 10, r), new DenseLayer(20, 5, r))))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessage("layers[1] (dense): expects an input whose last axis is 20 but the previous layer gives [10]");
        assertThatThrownBy(() -> new Sequential(Shape.of(785), List.of(new DenseLayer(784, 10, r))))
                .hasMessage("layers[0] (dense): expects an input whose last axis is 784 but the input is [785]");
    }

    @Test
    void reportsMistakesInTheModelSectionAtTheirKeyPath() {
        assertThatThrownBy(() -> build(Map.of("inputs", List.of(4), "layers", List.of(dense(2))), 0))
                .hasMessage("model.inputs: unknown option (did you mean 'input'?); known options: input, layers");
        assertThatThrownBy(() -> build(Map.of("input", List.of(0), "layers", List.of(dense(2))), 0))
                .hasMessage("model.input: dimensions must be positive, got [0]");
        assertThatThrownBy(() -> build(Map.of("input", List.of(4), "layers", List.of()), 0))
                .hasMessage("model.layers: must list at least one layer");
        assertThatThrownBy(() -> build(Map.of("input", List.of(4), "layers", List.of(Map.of("units", 2))), 0))
                .hasMessage("model.layers[0].type: is required but missing");
        assertThatThrownBy(() -> build(Map.of("input", List.of(4), "layers", List.of(dense(2), "dense")), 0))
                .hasMessage("model.layers[1]: expected a map, got \"dense\"");
    }

    @Test
    void architectureRebuildsTheSameModelAndTheSeedFixesTheWeights() {
        Map<String, Object> config = Map.of("input", List.of(6), "layers", List.of(
                Map.of("type", "dense", "units", 5, "use_bias", false), Map.of("type", "layer_norm"), dense(3)));
        Sequential a = build(config, 42);
        Map<String, Object> architecture = a.architecture();
        // The host fills in every documented default, so the saved architecture states them all.
        assertThat(architecture).isEqualTo(Map.of("input", List.of(6), "layers", List.of(
                Map.of("type", "dense", "units", 5, "use_bias", false),
                Map.of("type", "layer_norm", "epsilon", 1e-5, "elementwise_affine", true),
                Map.of("type", "dense", "units", 3, "use_bias", true))));
        Sequential same = build(architecture, 42);
        Sequential other = build(architecture, 43);
        assertThat(same.parameters().get("2.weight").data()).containsExactly(a.parameters().get("2.weight").data());
        assertThat(other.parameters().get("2.weight").data()).isNotEqualTo(a.parameters().get("2.weight").data());
    }

    @Test
    void defaultDenseValuesAreThoseOfTheFanInUniformInitializer() {
        Sequential byDefault = build(Map.of("input", List.of(4), "layers", List.of(dense(3))), 11);
        Sequential named = build(Map.of("input", List.of(4), "layers", List.of(Map.of("type", "dense", "units", 3,
                "weight_init", Map.of("name", "uniform", "scale", "fan_in"),
                "bias_init", Map.of("name", "uniform", "scale", "fan_in", "fan_in", 4)))), 11);
        named.parameters().forEach((name, p) ->
                assertThat(byDefault.parameters().get(name).data()).as(name).containsExactly(p.data()));
    }

    @Test
    void builderAddsTypesAndInstancesAndDrawsAsTheConfigDoes() {
        Sequential built = Sequential.builder(Shape.of(4)).seed(9)
                .add("dense", Map.of("units", 5))
                .add(new LayerNormLayer(5, 1e-5, false))
                .add("dense", Map.of("units", 2))
                .build();
        Sequential configured = build(Map.of("input", List.of(4), "layers", List.of(
                dense(5), Map.of("type", "layer_norm", "elementwise_affine", false), dense(2))), 9);
        assertThat(built.architecture()).isEqualTo(Map.of("input", List.of(4), "layers", List.of(
                Map.of("type", "dense", "units", 5, "use_bias", true),
                Map.of("type", "layer_norm", "epsilon", 1e-5, "elementwise_affine", false),
                Map.of("type", "dense", "units", 2, "use_bias", true))));
        assertThat(built.parameters().keySet()).containsExactlyElementsOf(configured.parameters().keySet());
        configured.parameters().forEach((name, p) ->
                assertThat(built.parameters().get(name).data()).as(name).containsExactly(p.data()));
        assertThatThrownBy(() -> Sequential.builder(Shape.of(4)).add("dnese", Map.of()).build())
                .hasMessageStartingWith("layers[0].type: unknown layer type 'dnese' (did you mean 'dense'?)");
        assertThatThrownBy(() -> Sequential.builder(Shape.of(4)).add("dense", Map.of("units", 3))
                .add(new DenseLayer(4, 2, new SplittableRandom(0))).build())
                .hasMessage("layers[1] (dense): expects an input whose last axis is 4 but the previous layer gives [3]");
    }

    @Test
    void nestedSequenceNamesParametersAndErrorsByTheirFullPath() {
        Sequential model = build(Map.of("input", List.of(4), "layers", List.of(
                dense(3), Map.of("type", "sequential", "layers", List.of(dense(2), dense(1))))), 0);
        assertThat(model.parameters().keySet()).containsExactly("0.weight", "0.bias", "1.0.weight", "1.0.bias",
                "1.1.weight", "1.1.bias");
        assertThat(model.outputShape()).isEqualTo(Shape.of(1));
        assertThat(build(model.architecture(), 1).parameters().keySet())
                .containsExactlyElementsOf(model.parameters().keySet());
        assertThatThrownBy(() -> build(Map.of("input", List.of(4), "layers", List.of(
                Map.of("type", "sequential", "layers", List.of(dense(2), dense(0))))), 0))
                .hasMessage("model.layers[0].layers[1].units: must be a positive whole number, got 0");
        assertThatThrownBy(() -> build(Map.of("input", List.of(4), "layers", List.of(
                Map.of("type", "sequential", "layers", List.of(dense(2), Map.of("type", "reshape", "shape", 3))))), 0))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessage("model.layers[0].layers[1] (reshape): expects an input of 3 elements to give [3]"
                        + " but the previous layer gives [2]");
    }

    @Test
    void forwardChainsTheLayersAndBackpropagatesThroughAll() {
        Sequential model = build(Map.of("input", List.of(3), "layers", List.of(dense(4), dense(2))), 5);
        DenseLayer first = (DenseLayer) model.layers().get(0);
        DenseLayer second = (DenseLayer) model.layers().get(1);
        CpuTensor x = GradCheck.random(1, 2, 3);
        assertThat(model.forward(x, Mode.INFERENCE).toArray())
                .containsExactly(second.forward(first.forward(x, Mode.INFERENCE), Mode.INFERENCE).toArray());
        GradCheck.create().check(args -> model.forward(x, Mode.TRAINING), x,
                CpuTensor.of(first.weight().value()), CpuTensor.of(second.weight().value()),
                CpuTensor.of(second.bias().value()));
    }

    @Test
    void aModelBuiltFromJavaInstancesSavesAnArchitectureTheConfigRebuilds() {
        SplittableRandom r = new SplittableRandom(4);
        Sequential java = new Sequential(Shape.of(6), List.of(
                new DenseLayer(6, 4, true, Components.builtIns().activation("tanh", Options.empty()), r),
                new DropoutLayer(0.1, r), new LayerNormLayer(4, 1e-5, true), new BatchNormLayer(4, 0.1, 1e-5),
                new ReshapeLayer(2, -1), new FlattenLayer(), new DenseLayer(4, 3, r)));
        Map<String, Object> architecture = java.architecture();
        assertThat(architecture.get("layers")).asList().first()
                .isEqualTo(Map.of("type", "dense", "units", 4, "use_bias", true, "activation", "tanh"));
        Sequential rebuilt = build(architecture, 0);
        assertThat(rebuilt.architecture()).isEqualTo(architecture);
        java.parameters().forEach((name, p) -> {
            assertThat(rebuilt.parameters().get(name).shape()).as(name).isEqualTo(p.shape());
            System.arraycopy(p.data(), 0, rebuilt.parameters().get(name).data(), 0, p.data().length);
        });
        CpuTensor x = GradCheck.random(2, 5, 6);
        assertThat(rebuilt.forward(x, Mode.INFERENCE).toArray()).containsExactly(java.forward(x, Mode.INFERENCE).toArray());
    }

    /** A layer whose forward works and whose backward throws, as a faulty custom op of a plugin would. */
    private static final class NoWayBack implements org.neurite.api.Layer {
        @Override
        public String type() {
            return "no_way_back";
        }

        @Override
        public Options options() {
            return Options.of("layer", Map.of());
        }

        @Override
        public Shape outputShape(Shape inputShape) {
            return inputShape;
        }

        @Override
        public Map<String, org.neurite.api.Parameter> parameters() {
            return Map.of();
        }

        @Override
        public org.neurite.api.Tensor forward(org.neurite.api.Tensor input, Mode mode) {
            return input.backend().custom("no_way_back", input, g -> {
                throw new IllegalStateException("no way back");
            }, input);
        }
    }

    @Test
    void aFailureInALayersBackwardNamesTheLayersPlaceAndType() {
        SplittableRandom r = new SplittableRandom(0);
        Sequential inner = new Sequential(Shape.of(3), List.of(new DenseLayer(3, 3, r), new NoWayBack()));
        Sequential model = new Sequential(Shape.of(3), List.of(new DenseLayer(3, 3, r), inner));
        CpuTensor x = CpuTensor.wrap(new float[] {1, 2, 3}, Shape.of(1, 3));

        org.neurite.api.Tensor y = model.forward(x, Mode.TRAINING).sum();

        assertThatThrownBy(y::backward).isInstanceOf(org.neurite.engine.registry.ComponentException.class)
                .hasMessage("layers[1].layers[1] (no_way_back) backward failed: IllegalStateException: no way back")
                .hasRootCauseMessage("no way back");
        // outside every layer, the scope is left as it was
        assertThat(org.neurite.engine.autograd.LayerScope.current()).isNull();
    }

    @Test
    void runsALargeInferenceBatchWithoutGradientsInSlicesWithTheWholeBatchsOutput() {
        Sequential model = build(Map.of("input", List.of(20), "layers", List.of(
                dense(300), Map.of("type", "activation", "function", "relu"), Map.of("type", "batch_norm"),
                dense(7))), 3);
        int slice = 64;
        int batch = 2 * slice + 47;
        SplittableRandom r = new SplittableRandom(5);
        float[] x = new float[batch * 20];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextDouble(-1, 1);
        }
        CpuTensor input = CpuTensor.wrap(x.clone(), Shape.of(batch, 20));
        // with gradients on, the batch goes through whole
        assertThat(InferenceSlices.apply(input, Shape.of(20), Mode.INFERENCE, slice)).isFalse();
        float[] whole = CpuTensor.of(model.forward(input, Mode.INFERENCE)).data();
        try (var scope = org.neurite.engine.CpuBackend.instance().noGrad()) {
            assertThat(InferenceSlices.apply(input, Shape.of(20), Mode.INFERENCE, slice)).isTrue();
            assertThat(InferenceSlices.apply(input, Shape.of(20), Mode.TRAINING, slice)).isFalse();
            CpuTensor sliced = CpuTensor.of(InferenceSlices.forward(input, slice, part -> model.forward(part, Mode.INFERENCE)));
            assertThat(sliced.shape()).isEqualTo(Shape.of(batch, 7));
            for (int i = 0; i < whole.length; i++) {
                assertThat(sliced.data()[i]).as("output %d", i)
                        .isCloseTo(whole[i], org.assertj.core.data.Offset.offset(1e-5f * (1 + Math.abs(whole[i]))));
            }
        }
    }

    @Test
    void slicesHoldAsManySamplesAsKeepTheLargestActivationWithinTheBudget() {
        Sequential mlp = build(Map.of("input", List.of(784), "layers", List.of(dense(256), dense(10))), 1);
        // 784 floats a sample at most: a batch of 1000 runs whole under 32 MiB
        assertThat(InferenceSlices.samplesPerSlice(Shape.of(784), mlp.layers(), 32L << 20)).isEqualTo((32 << 20) / (4 * 784));
        assertThat(InferenceSlices.samplesPerSlice(Shape.of(784), mlp.layers(), 4 * 784 * 10)).isEqualTo(10);
        assertThat(InferenceSlices.samplesPerSlice(Shape.of(784), mlp.layers(), 0)).isEqualTo(Integer.MAX_VALUE);
        assertThat(InferenceSlices.samplesPerSlice(Shape.of(784), mlp.layers(), 1)).isEqualTo(1);
    }
}
