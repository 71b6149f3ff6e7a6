package org.neurite.engine.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.neurite.api.Layer;
import org.neurite.api.Mode;
import org.neurite.api.OptionException;
import org.neurite.api.Options;
import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;
import org.neurite.api.Tensor;
import org.neurite.engine.CpuBackend;
import org.neurite.engine.GradCheck;
import org.neurite.engine.registry.Components;

class GraphTest {

    private static Graph build(Map<String, ?> model) {
        return Graph.fromOptions(Options.of("model", model), Components.builtIns(), 0);
    }

    private static Map<String, Object> layer(String name, String type, List<String> inputs, Object... options) {
        Map<String, Object> spec = new java.util.LinkedHashMap<>();
        spec.put("name", name);
        spec.put("type", type);
        if (inputs != null) {
            spec.put("inputs", inputs);
        }
        for (int i = 0; i < options.length; i += 2) {
            spec.put((String) options[i], options[i + 1]);
        }
        return spec;
    }

    private static Map<String, Object> input(int... dims) {
        return Map.of("shape", java.util.Arrays.stream(dims).boxed().toList());
    }

    private static Map<String, Object> ordered(String name1, Object value1, String name2, Object value2) {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        map.put(name1, value1);
        map.put(name2, value2);
        return map;
    }

    /** x [6] -> a (dense 4) -> b (dense 4) -> sum = a + b -> out (dense 3): a residual block. */
    private static Map<String, Object> residual() {
        return Map.of("inputs", Map.of("x", input(6)), "layers", List.of(
                layer("a", "dense", List.of("x"), "units", 4, "activation", "tanh"),
                layer("b", "dense", null, "units", 4),
                layer("sum", "add", List.of("a", "b")),
                layer("out", "dense", List.of("sum"), "units", 3)), "outputs", List.of("out"));
    }

    @Test
    void infersShapesAndNamesParametersByLayer() {
        Graph g = build(residual());

        assertThat(g.inputShapes()).containsExactly(entry("x", Shape.of(6)));
        assertThat(g.outputShape()).isEqualTo(Shape.of(3));
        assertThat(g.shapeOf("sum")).isEqualTo(Shape.of(4));
        assertThat(g.parameters().keySet()).containsExactly("a.weight", "a.bias", "b.weight", "b.bias", "out.weight",
                "out.bias");
        assertThat(g.parameters().get("out.weight").shape()).isEqualTo(Shape.of(3, 4));
    }

    @Test
    void computesTheResidualSumAndItsGradients() {
        Graph g = build(residual());
        Layer a = layerOf(g, "a");
        Layer b = layerOf(g, "b");
        Layer out = layerOf(g, "out");
        Tensor x = GradCheck.random(3, 2, 6);

        Tensor h = a.forward(x, Mode.INFERENCE);
        float[] expected = out.forward(h.add(b.forward(h, Mode.INFERENCE)), Mode.INFERENCE).toArray();

        assertThat(g.forward(x, Mode.INFERENCE).toArray()).containsExactly(expected);
        GradCheck.create().check(in -> g.forward(in.get(0), Mode.TRAINING), GradCheck.random(4, 2, 6));
    }

    private static Layer layerOf(Graph g, String name) {
        return g.nodes().stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow().layer();
    }

    @Test
    void takesSeveralNamedInputsAndGivesSeveralOutputs() {
        Graph g = build(Map.of("inputs", ordered("tokens", Map.of("shape", List.of(5), "dtype", "int"),
                        "mask", Map.of("shape", List.of(5), "dtype", "bool")),
                "layers", List.of(
                        layer("embed", "embedding", List.of("tokens"), "vocabulary", 7, "dim", 3),
                        layer("mask3", "reshape", List.of("mask"), "shape", List.of(5, 1)),
                        layer("masked", "multiply", List.of("embed", "mask3")),
                        layer("both", "concat", List.of("masked", "embed"), "axis", 1),
                        layer("flat", "flatten", null),
                        layer("logits", "dense", null, "units", 2)),
                "outputs", List.of("logits", "masked")));
        CpuBackend cpu = CpuBackend.instance();
        Tensor tokens = cpu.tensor(new float[] {1, 2, 3, 4, 5, 6, 0, 1, 2, 3}, Shape.of(2, 5));
        Tensor mask = cpu.tensor(new float[] {1, 1, 1, 0, 0, 1, 1, 1, 1, 1}, Shape.of(2, 5));

        Map<String, Tensor> out = g.forwardAll(Map.of("tokens", tokens, "mask", mask), Mode.INFERENCE);

        assertThat(g.shapeOf("both")).isEqualTo(Shape.of(5, 6));
        assertThat(out.keySet()).containsExactly("logits", "masked");
        assertThat(out.get("logits").shape()).isEqualTo(Shape.of(2, 2));
        assertThat(out.get("masked").get(0, 3, 0)).isZero();
        assertThat(out.get("masked").get(0, 2, 1)).isEqualTo(layerOf(g, "embed").forward(tokens, Mode.INFERENCE)
                .get(0, 2, 1));
        assertThatThrownBy(() -> g.forward(Map.of("tokens", tokens, "mask", tokens), Mode.INFERENCE))
                .hasMessage("graph input 'mask' (bool): value 2.0 at flat index 1 of the batch is not 0 or 1");
        assertThatThrownBy(() -> g.forward(Map.of("tokens", tokens), Mode.INFERENCE))
                .hasMessage("graph: input 'mask' is missing; given [tokens], expected [tokens, mask]");
    }

    @Test
    void nestsASequentialBlockWithDottedParameterNames() {
        Graph g = build(Map.of("inputs", Map.of("x", input(4)), "layers", List.of(
                layer("block", "sequential", null, "layers", List.of(Map.of("type", "dense", "units", 4),
                        Map.of("type", "layer_norm"))),
                layer("skip", "add", List.of("x", "block")))));

        assertThat(g.parameters().keySet()).containsExactly("block.0.weight", "block.0.bias", "block.1.weight",
                "block.1.bias");
        assertThat(g.outputNames()).containsExactly("skip");
    }

    @Test
    void theBuilderBuildsWhatTheConfigBuilds() {
        Graph fromJava = Graph.builder().seed(0).input("x", Shape.of(6))
                .layer("a", "dense", Map.of("units", 4, "activation", "tanh"), "x")
                .layer("b", "dense", Map.of("units", 4))
                .layer("sum", "add", Map.of(), "a", "b")
                .layer("out", "dense", Map.of("units", 3), "sum")
                .output("out")
                .build();
        Graph fromConfig = build(residual());
        Tensor x = GradCheck.random(5, 3, 6);

        assertThat(fromJava.forward(x, Mode.INFERENCE).toArray()).containsExactly(
                fromConfig.forward(x, Mode.INFERENCE).toArray());
        assertThat(Graph.fromOptions(Options.of("model", fromConfig.architecture()), Components.builtIns(), 0)
                .architecture()).isEqualTo(fromConfig.architecture());
    }

    @Test
    void namesAnUnknownInputWithTheClosestName() {
        assertThatThrownBy(() -> build(Map.of("inputs", Map.of("image", input(4)), "layers", List.of(
                layer("fc1", "dense", List.of("image"), "units", 3),
                layer("out", "dense", List.of("fc2"), "units", 2)))))
                .isInstanceOf(OptionException.class)
                .hasMessage("model.layers[1].inputs[0]: unknown input 'fc2' (did you mean 'fc1'?); known names: image,"
                        + " fc1, out");
        assertThatThrownBy(() -> build(Map.of("inputs", Map.of("image", input(4)), "layers", List.of(
                layer("fc1", "dense", null, "units", 3)), "outputs", List.of("fc"))))
                .hasMessageStartingWith("model.outputs[0]: unknown output 'fc' (did you mean 'fc1'?)");
    }

    @Test
    void refusesACycleNamingItsLayers() {
        assertThatThrownBy(() -> build(Map.of("inputs", Map.of("x", input(4)), "layers", List.of(
                layer("a", "dense", List.of("x"), "units", 4),
                layer("b", "add", List.of("a", "d")),
                layer("c", "dense", List.of("b"), "units", 4),
                layer("d", "dense", List.of("c"), "units", 4)))))
                .isInstanceOf(OptionException.class)
                .hasMessage("model.layers[1].inputs: the layers form a cycle: b -> c -> d -> b; a graph must be acyclic");
        assertThatThrownBy(() -> build(Map.of("inputs", Map.of("x", input(4)), "layers", List.of(
                layer("a", "add", List.of("x", "a"))))))
                .hasMessage("model.layers[0].inputs: the layers form a cycle: a -> a; a graph must be acyclic");
    }

    @Test
    void refusesRepeatedNames() {
        assertThatThrownBy(() -> build(Map.of("inputs", Map.of("x", input(4)), "layers", List.of(
                layer("a", "dense", null, "units", 4),
                layer("a", "dense", null, "units", 4)))))
                .hasMessage("model.layers[1].name: 'a' is already the name of model.layers[0]; names in a graph must be"
                        + " unique");
        assertThatThrownBy(() -> build(Map.of("inputs", Map.of("x", input(4)), "layers", List.of(
                layer("x", "dense", null, "units", 4)))))
                .hasMessage("model.layers[0].name: 'x' is already the name of model.inputs.x; names in a graph must be"
                        + " unique");
    }

    @Test
    void aMergeOfMismatchedShapesNamesTheLayerItsInputsAndTheirShapes() {
        assertThatThrownBy(() -> build(Map.of("inputs", Map.of("x", input(6)), "layers", List.of(
                layer("fc1", "dense", null, "units", 256),
                layer("fc2", "dense", null, "units", 128),
                layer("skip", "add", List.of("fc1", "fc2"))))))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessage("model.layers[2] (add 'skip'): input shapes [256] and [128] do not match: differ at axis 0"
                        + " (256 and 128); each axis must be equal or 1 (inputs fc1 [256], fc2 [128])");
        assertThatThrownBy(() -> build(Map.of("inputs", ordered("x", input(2, 3), "y", input(3, 3)), "layers", List.of(
                layer("cat", "concat", List.of("x", "y"), "axis", -1)))))
                .hasMessage("model.layers[0] (concat 'cat'): input shapes [2, 3] and [3, 3] do not match: all axes but"
                        + " axis -1 must be equal (inputs x [2, 3], y [3, 3])");
        assertThatThrownBy(() -> build(Map.of("inputs", ordered("x", input(6), "y", input(6)), "layers", List.of(
                layer("fc", "dense", List.of("x", "y"), "units", 2)))))
                .hasMessage("model.layers[0] (dense 'fc'): layer type dense takes one input, but 2 are given: [[6], [6]]"
                        + " (inputs x [6], y [6])");
        assertThatThrownBy(() -> build(Map.of("inputs", ordered("x", input(6), "y", input(6)), "layers", List.of(
                layer("fc", "dense", null, "units", 2)))))
                .hasMessage("model.layers[0].inputs: is required: the graph has several inputs (x, y)");
    }
}
