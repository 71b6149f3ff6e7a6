package org.neurite.plugins.cnn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.neurite.api.Layer;
import org.neurite.api.Mode;
import org.neurite.api.Options;
import org.neurite.api.Parameter;
import org.neurite.api.Shape;
import org.neurite.api.Tensor;
import org.neurite.engine.nn.Graph;
import org.neurite.engine.nn.Sequential;
import org.neurite.engine.optim.Adam;
import org.neurite.testkit.Tensors;

/**
 * A convolution with ReLU directly followed by 2x2 max pooling runs as one fused op
 * ({@link ConvLayer#forwardFused}); a model trains with it exactly as with the two layers one
 * after another, and keeps its parameter names.
 */
class FusedConvPoolTest {

    private static final List<Map<String, Object>> LAYERS = List.of(
            Map.of("type", "conv2d", "filters", 4, "kernel", 3, "padding", 1, "activation", "relu"),
            Map.of("type", "max_pool2d", "kernel", 2),
            Map.of("type", "conv2d", "filters", 6, "kernel", 3, "padding", 1, "activation", "relu"),
            Map.of("type", "max_pool2d", "kernel", 2),
            Map.of("type", "flatten"),
            Map.of("type", "dense", "units", 3));

    @Test
    void theFusedModelTrainsAsTheUnfusedOne() {
        Sequential fused = PluginComponents.model(List.of(1, 8, 12), LAYERS, 7);
        Sequential unfused = withoutFusion(PluginComponents.model(List.of(1, 8, 12), LAYERS, 7));
        assertThat(fused.parameters().keySet()).containsExactly("0.weight", "0.bias", "2.weight", "2.bias",
                "5.weight", "5.bias");
        assertThat(unfused.parameters().keySet()).isEqualTo(fused.parameters().keySet());
        Tensor probe = Tensors.random(99, 2, 1, 8, 12);
        assertThat(fused.layers().get(0).forwardFused(probe, fused.layers().get(1), Mode.TRAINING).shape())
                .isEqualTo(Shape.of(2, 4, 4, 6));
        Adam.Settings settings = new Adam.Settings(0.01, 0.9, 0.999, 1e-8, 0, false);
        Adam fusedAdam = Adam.adam(settings);
        Adam unfusedAdam = Adam.adam(settings);
        for (int step = 0; step < 4; step++) {
            Tensor x = Tensors.random(100 + step, 5, 1, 8, 12);
            Tensor target = Tensors.random(200 + step, 5, 3);
            float fusedLoss = trainStep(fused, fusedAdam, x, target);
            float unfusedLoss = trainStep(unfused, unfusedAdam, x, target);
            assertThat(fusedLoss).isEqualTo(unfusedLoss);
            for (String name : fused.parameters().keySet()) {
                assertThat(fused.parameters().get(name).data()).as(name)
                        .containsExactly(unfused.parameters().get(name).data());
            }
        }
        Tensor x = Tensors.random(300, 4, 1, 8, 12);
        assertThat(fused.forward(x, Mode.INFERENCE).toArray())
                .containsExactly(unfused.forward(x, Mode.INFERENCE).toArray());
    }

    @Test
    void aGraphFusesAConvolutionWhosePoolingIsItsOnlyConsumer() {
        List<Map<String, Object>> named = new ArrayList<>();
        String[] names = {"c1", "p1", "c2", "p2", "f", "d"};
        for (int i = 0; i < LAYERS.size(); i++) {
            Map<String, Object> layer = new java.util.LinkedHashMap<>(LAYERS.get(i));
            layer.put("name", names[i]);
            named.add(layer);
        }
        Graph graph = Graph.fromOptions(Options.of("model", Map.of("inputs", Map.of("image", Map.of("shape", List.of(1, 8, 12))),
                "layers", named, "outputs", List.of("d"))), PluginComponents.components(), 7);
        Sequential unfused = withoutFusion(PluginComponents.model(List.of(1, 8, 12), LAYERS, 7));
        Tensor x = Tensors.random(400, 3, 1, 8, 12);
        Tensor fusedOut = graph.forward(x, Mode.TRAINING);
        fusedOut.sum().backward();
        Tensor unfusedOut = unfused.forward(x, Mode.TRAINING);
        unfusedOut.sum().backward();
        assertThat(fusedOut.toArray()).containsExactly(unfusedOut.toArray());
        assertThat(graph.parameters().get("c1.weight").gradient())
                .containsExactly(unfused.parameters().get("0.weight").gradient());
        assertThat(graph.parameters().get("c2.bias").gradient())
                .containsExactly(unfused.parameters().get("2.bias").gradient());
    }

    @Test
    void onlyReluConvolutionsBeforeTwoByTwoMaxPoolingFuse() {
        Sequential model = PluginComponents.model(List.of(2, 6, 6), List.of(
                Map.of("type", "conv2d", "filters", 3, "kernel", 3, "padding", 1, "activation", "relu"),
                Map.of("type", "max_pool2d", "kernel", 3, "stride", 1),
                Map.of("type", "conv2d", "filters", 3, "kernel", 3, "padding", 1),
                Map.of("type", "max_pool2d", "kernel", 2),
                Map.of("type", "conv2d", "filters", 3, "kernel", 1, "activation", "relu"),
                Map.of("type", "avg_pool2d", "kernel", 2)), 3);
        Tensor x = Tensors.random(5, 2, 2, 6, 6);
        for (int i = 0; i + 1 < model.layers().size(); i++) {
            assertThat(model.layers().get(i).forwardFused(x, model.layers().get(i + 1), Mode.TRAINING)).isNull();
        }
    }

    private static float trainStep(Sequential model, Adam adam, Tensor x, Tensor target) {
        model.parameters().values().forEach(Parameter::zeroGradient);
        Tensor error = model.forward(x, Mode.TRAINING).sub(target);
        Tensor loss = error.mul(error).sum();
        loss.backward();
        adam.step(model.parameters());
        return loss.item();
    }

    /** @return the same layers, each conv wrapped so that it never takes over its successor */
    private static Sequential withoutFusion(Sequential model) {
        List<Layer> layers = new ArrayList<>();
        for (Layer layer : model.layers()) {
            layers.add(layer instanceof ConvLayer ? new Unfused(layer) : layer);
        }
        return new Sequential(model.inputShape(), layers);
    }

    /** A layer as it was before {@link Layer#forwardFused} existed. */
    private record Unfused(Layer layer) implements Layer {
        @Override
        public String type() {
            return layer.type();
        }

        @Override
        public Options options() {
            return layer.options();
        }

        @Override
        public Shape outputShape(Shape inputShape) {
            return layer.outputShape(inputShape);
        }

        @Override
        public Map<String, Parameter> parameters() {
            return layer.parameters();
        }

        @Override
        public Tensor forward(Tensor input, Mode mode) {
            return layer.forward(input, mode);
        }
    }
}
