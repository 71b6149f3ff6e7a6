package org.neurite.engine.nn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.neurite.api.Options;
import org.neurite.api.Shape;
import org.neurite.engine.registry.Components;
import org.neurite.engine.registry.EngineLayerContext;

/**
 * Builds a {@link Graph} from Java code, in the vocabulary of its config section, which it
 * writes and builds as a config would be (so both are checked alike):
 * <pre>{@code
 * Graph model = Graph.builder().seed(0)
 *         .input("image", Shape.of(784))
 *         .layer("fc1", "dense", Map.of("units", 128, "activation", "relu"), "image")
 *         .layer("fc2", "dense", Map.of("units", 128), "fc1")
 *         .layer("skip", "add", Map.of(), "fc1", "fc2")
 *         .layer("out", "dense", Map.of("units", 10), "skip")
 *         .output("out")
 *         .build();
 * }</pre>
 */
public final class GraphBuilder {

    private final Map<String, Object> inputs = new LinkedHashMap<>();
    private final List<Map<String, Object>> layers = new ArrayList<>();
    private final List<String> outputs = new ArrayList<>();
    private long seed;
    private Components components;

    GraphBuilder() {
    }

    /** @return this builder, drawing initial values from {@code new SplittableRandom(seed)} (default 0) */
    public GraphBuilder seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** @return this builder, looking layer types up in {@code components} (default: the built-ins) */
    public GraphBuilder components(Components components) {
        this.components = components;
        return this;
    }

    /**
     * Adds an input of float values.
     *
     * @param name its name
     * @param shape its per-sample shape
     * @return this builder
     */
    public GraphBuilder input(String name, Shape shape) {
        return input(name, shape, GraphInput.Dtype.FLOAT);
    }

    /**
     * Adds an input.
     *
     * @param name its name
     * @param shape its per-sample shape
     * @param dtype what its values are
     * @return this builder
     */
    public GraphBuilder input(String name, Shape shape, GraphInput.Dtype dtype) {
        List<Integer> dims = new ArrayList<>();
        for (int d : shape.dims()) {
            dims.add(d);
        }
        inputs.put(name, Map.of("shape", dims, "dtype", dtype.configName()));
        return this;
    }

    /**
     * Adds a layer.
     *
     * @param name its name, unique in the graph
     * @param type a registered layer type, such as {@code dense} or {@code add}
     * @param options its options, as in a config
     * @param inputs the names of the graph inputs or layers it takes, in order; none means the
     *     previous layer (or the only input, for the first layer)
     * @return this builder
     */
    public GraphBuilder layer(String name, String type, Map<String, ?> options, String... inputs) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("name", name);
        spec.put("type", type);
        if (inputs.length > 0) {
            spec.put("inputs", List.of(inputs));
        }
        spec.putAll(options);
        layers.add(spec);
        return this;
    }

    /**
     * Marks a layer (or input) as an output; the first is the one a loss is computed on. Without
     * any, the last layer is the output.
     *
     * @param name its name
     * @return this builder
     */
    public GraphBuilder output(String name) {
        outputs.add(name);
        return this;
    }

    /**
     * @return the graph
     * @throws org.neurite.api.OptionException for a bad name, type, option or a cycle, at its key path
     * @throws org.neurite.api.ShapeMismatchException if a layer cannot take its inputs
     */
    public Graph build() {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("inputs", inputs);
        model.put("layers", layers);
        if (!outputs.isEmpty()) {
            model.put("outputs", outputs);
        }
        Components registry = components == null ? Components.builtIns() : components;
        return Graph.fromOptions(Options.of(model), registry, seed);
    }
}
