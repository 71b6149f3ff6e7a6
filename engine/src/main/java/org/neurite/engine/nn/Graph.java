package org.neurite.engine.nn;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.neurite.api.Layer;
import org.neurite.api.Mode;
import org.neurite.api.MultiInputLayer;
import org.neurite.api.OptionSpec;
import org.neurite.api.Options;
import org.neurite.api.Parameter;
import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;
import org.neurite.api.Tensor;
import org.neurite.engine.autograd.LayerScope;
import org.neurite.engine.registry.ComponentException;
import org.neurite.engine.registry.Components;
import org.neurite.engine.registry.EngineLayerContext;

/**
 * A model as a directed acyclic graph of named layers: several named inputs, layers that each
 * take one or more inputs or earlier layers (merges such as {@code add} and {@code concat},
 * skip and residual connections), and one or more outputs. A config section such as
 * <pre>{@code
 * inputs: {image: {shape: [784]}}
 * layers:
 *   - {name: fc1, type: dense, units: 256, activation: relu}     # takes the previous layer (here: image)
 *   - {name: fc2, type: dense, units: 256}
 *   - {name: skip, type: add, inputs: [fc1, fc2]}
 *   - {name: out, type: dense, inputs: [skip], units: 10}
 * outputs: [out]
 * }</pre>
 * builds one ({@link #fromOptions}); {@link #builder()} does the same from Java. Every shape is
 * inferred over the whole graph when it is built, before any data flows. Parameters are named
 * by layer, PyTorch style: {@code fc1.weight}, {@code block.0.bias} for a nested
 * {@code sequential}. The loss is computed on the first output; {@link #forwardAll} gives every one.
 */
public final class Graph implements Model {

    /** The type name of a graph model. */
    public static final String TYPE = "graph";

    /** The keys of a graph's config section, as checked and as documented in the config reference. */
    public static final List<OptionSpec> MODEL_OPTIONS = GraphAssembly.MODEL_OPTIONS;

    /** The keys of one of a graph's named inputs. */
    public static final List<OptionSpec> INPUT_OPTIONS = GraphAssembly.INPUT_OPTIONS;

    private final List<GraphInput> inputs;
    /** In the order they run: each after everything it takes. */
    private final List<GraphNode> nodes;
    private final List<String> outputs;
    private final Map<String, Shape> shapes;
    private final RandomStreams streams;
    /** For each node: whether the next one is its only consumer, so that it may run both ({@link Layer#forwardFused}). */
    private final boolean[] chained;

    private Graph(GraphAssembly.Assembled assembled, RandomStreams streams) {
        this.streams = streams;
        this.inputs = List.copyOf(assembled.inputs());
        this.nodes = List.copyOf(assembled.nodes());
        this.outputs = List.copyOf(assembled.outputs());
        this.shapes = Map.copyOf(assembled.shapes());
        this.chained = chains(nodes, outputs);
    }

    private static boolean[] chains(List<GraphNode> nodes, List<String> outputs) {
        Map<String, Integer> consumers = new HashMap<>();
        nodes.forEach(node -> node.inputs().forEach(name -> consumers.merge(name, 1, Integer::sum)));
        boolean[] chained = new boolean[nodes.size()];
        for (int i = 0; i + 1 < nodes.size(); i++) {
            GraphNode node = nodes.get(i);
            chained[i] = node.inputs().size() == 1 && !(node.layer() instanceof MultiInputLayer)
                    && !(nodes.get(i + 1).layer() instanceof MultiInputLayer)
                    && nodes.get(i + 1).inputs().equals(List.of(node.name()))
                    && consumers.get(node.name()) == 1 && !outputs.contains(node.name());
        }
        return chained;
    }

    /**
     * Builds a graph from its config section ({@code {inputs: ..., layers: [...], outputs: [...]}}).
     *
     * @param model the model's options; their path (such as {@code model}) prefixes every message
     * @param components where layer types and the components they name are looked up
     * @param seed the seed of every initial value; layers draw in the order they run
     * @return the graph
     * @throws org.neurite.api.OptionException for an unknown key, type or name (with the closest
     *     one), a repeated name, a cycle, or a bad option, at its key path
     * @throws ShapeMismatchException if a layer cannot take its inputs, naming the layer's path,
     *     type and name, its inputs and their shapes
     */
    public static Graph fromOptions(Options model, Components components, long seed) {
        EngineLayerContext context = EngineLayerContext.seeded(components, seed, model.path());
        return new Graph(GraphAssembly.assemble(model, context), context.streams());
    }

    /** @return a builder of a graph, for Java code */
    public static GraphBuilder builder() {
        return new GraphBuilder();
    }

    /** @return the inputs, in order */
    public List<GraphInput> inputs() {
        return inputs;
    }

    /** @return the layers, in the order they run */
    List<GraphNode> nodes() {
        return nodes;
    }

    /** @return the names of the outputs, in order; the loss is computed on the first */
    public List<String> outputNames() {
        return outputs;
    }

    /**
     * @param name a graph input's or a layer's name
     * @return the per-sample shape of its output
     * @throws IllegalArgumentException if nothing has that name
     */
    public Shape shapeOf(String name) {
        Shape shape = shapes.get(name);
        if (shape == null) {
            throw new IllegalArgumentException("graph: nothing is named '" + name + "'");
        }
        return shape;
    }

    @Override
    public Map<String, Shape> inputShapes() {
        Map<String, Shape> map = new LinkedHashMap<>();
        inputs.forEach(i -> map.put(i.name(), i.shape()));
        return map;
    }

    @Override
    public RandomStreams randomStreams() {
        return streams;
    }

    @Override
    public Shape outputShape() {
        return shapes.get(outputs.get(0));
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Options options() {
        return Options.of(architecture());
    }

    /** {@inheritDoc} A graph of one input takes only the shape it was built for. */
    @Override
    public Shape outputShape(Shape inputShape) {
        if (inputs.size() != 1 || !inputs.get(0).shape().equals(inputShape)) {
            throw new ShapeMismatchException("graph: built for inputs " + inputShapes() + ", given " + inputShape);
        }
        return outputShape();
    }

    @Override
    public Map<String, Parameter> parameters() {
        Map<String, Parameter> all = new LinkedHashMap<>();
        for (GraphNode node : nodes) {
            node.layer().parameters().forEach((name, p) -> all.put(node.name() + "." + name, p));
        }
        return all;
    }

    /** {@inheritDoc} Only for a graph of one input. */
    @Override
    public Tensor forward(Tensor input, Mode mode) {
        if (inputs.size() != 1) {
            throw new IllegalArgumentException("graph: takes " + inputs.size() + " inputs " + inputShapes().keySet()
                    + "; give them by name");
        }
        return forward(Map.of(inputs.get(0).name(), input), mode);
    }

    @Override
    public Tensor forward(Map<String, Tensor> given, Mode mode) {
        return run(given, mode).get(outputs.get(0));
    }

    /**
     * Applies the graph and gives every output.
     *
     * @param given the inputs by name, each {@code [batch, ...shape]}; a graph of one input takes
     *     the only entry whatever its name
     * @param mode training or inference
     * @return the outputs by name, in order
     */
    public Map<String, Tensor> forwardAll(Map<String, Tensor> given, Mode mode) {
        Map<String, Tensor> values = run(given, mode);
        Map<String, Tensor> out = new LinkedHashMap<>();
        outputs.forEach(name -> out.put(name, values.get(name)));
        return out;
    }

    private Map<String, Tensor> run(Map<String, Tensor> given, Mode mode) {
        Map<String, Tensor> values = new HashMap<>();
        for (GraphInput input : inputs) {
            Tensor t = inputs.size() == 1 && given.size() == 1 ? given.values().iterator().next() : given.get(input.name());
            if (t == null) {
                throw new IllegalArgumentException("graph: input '" + input.name() + "' is missing; given "
                        + given.keySet() + ", expected " + inputShapes().keySet());
            }
            if (!t.shape().dropFirst().equals(input.shape())) {
                throw new ShapeMismatchException("graph: input '" + input.name() + "' takes samples of shape "
                        + input.shape() + ", given a batch " + t.shape());
            }
            input.check(t);
            values.put(input.name(), t);
        }
        for (int i = 0; i < nodes.size(); i++) {
            GraphNode node = nodes.get(i);
            List<Tensor> in = new ArrayList<>(node.inputs().size());
            node.inputs().forEach(name -> in.add(values.get(name)));
            Tensor both = chained[i] ? forwardFused(node, in.get(0), nodes.get(i + 1), mode) : null;
            if (both != null) {
                // the node's own output is taken by the next alone: it never exists
                values.put(nodes.get(++i).name(), both);
            } else {
                values.put(node.name(), forward(node, in, mode));
            }
        }
        return values;
    }

    /** Runs a node and the next, its only consumer, as one step if the node's layer can; else null. */
    private static Tensor forwardFused(GraphNode node, Tensor in, GraphNode next, Mode mode) {
        String place = "layers." + node.name();
        LayerScope.Place outer = LayerScope.enter(place, node.layer().type());
        try {
            return node.layer().forwardFused(in, next.layer(), mode);
        } catch (ComponentException e) {
            throw e.within(place);
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException | LinkageError e) {
            throw new ComponentException(place, "(" + node.layer().type() + ") forward failed: "
                    + ComponentException.describe(e), e);
        } finally {
            LayerScope.exit(outer);
        }
    }

    /**
     * Runs one node. As in {@link Sequential#forward(Tensor, Mode)}, a failure inside the layer's
     * code becomes a {@link ComponentException} naming the node and its type; bad data passes through.
     * The operations it records remember the node ({@link LayerScope}) for failures in their backward steps.
     */
    private static Tensor forward(GraphNode node, List<Tensor> in, Mode mode) {
        Layer layer = node.layer();
        String place = "layers." + node.name();
        LayerScope.Place outer = LayerScope.enter(place, layer.type());
        try {
            return layer instanceof MultiInputLayer m ? m.forward(in, mode) : layer.forward(in.get(0), mode);
        } catch (ComponentException e) {
            throw e.within(place);
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException | LinkageError e) {
            throw new ComponentException(place, "(" + layer.type() + ") forward failed: " + ComponentException.describe(e), e);
        } finally {
            LayerScope.exit(outer);
        }
    }

    /**
     * The config that rebuilds this graph ({@link #fromOptions}): inputs, layers in the order
     * they run (each with its name, type, inputs and options), outputs.
     *
     * @return plain maps, lists, numbers, strings and booleans
     */
    @Override
    public Map<String, Object> architecture() {
        Map<String, Object> ins = new LinkedHashMap<>();
        for (GraphInput input : inputs) {
            Map<String, Object> spec = new LinkedHashMap<>();
            spec.put("shape", dims(input.shape()));
            spec.put("dtype", input.dtype().configName());
            ins.put(input.name(), spec);
        }
        List<Map<String, Object>> layers = new ArrayList<>();
        for (GraphNode node : nodes) {
            Map<String, Object> spec = new LinkedHashMap<>();
            spec.put("name", node.name());
            spec.put("type", node.layer().type());
            spec.put("inputs", node.inputs());
            spec.putAll(node.layer().options().asMap());
            layers.add(spec);
        }
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("inputs", ins);
        a.put("layers", layers);
        a.put("outputs", outputs);
        return a;
    }

    private static List<Integer> dims(Shape shape) {
        List<Integer> dims = new ArrayList<>(shape.rank());
        for (int d : shape.dims()) {
            dims.add(d);
        }
        return dims;
    }
}
