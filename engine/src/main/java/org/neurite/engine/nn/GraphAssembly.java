package org.neurite.engine.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.neurite.api.Layer;
import org.neurite.api.MultiInputLayer;
import org.neurite.api.Names;
import org.neurite.api.OptionException;
import org.neurite.api.OptionSpec;
import org.neurite.api.OptionType;
import org.neurite.api.Options;
import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;
import org.neurite.engine.options.OptionReader;
import org.neurite.engine.registry.EngineLayerContext;

/**
 * Turns a graph's config section into its inputs and layers, checking it whole before any data
 * flows: names (unique; every input a layer lists exists, else the closest name), no cycle,
 * and every layer's shapes, inferred in topological order. Problems are one line at their key path.
 */
final class GraphAssembly {

    static final List<OptionSpec> MODEL_OPTIONS = List.of(
            OptionSpec.required("inputs", OptionType.MAP,
                    "The named inputs, each {shape: [...], dtype: float|int|bool}, such as {image: {shape: [784]}}."),
            OptionSpec.required("layers", OptionType.MAP_LIST,
                    "The layers, each {name: ..., type: ..., inputs: [...], options...}; inputs default to the previous layer."),
            OptionSpec.optional("outputs", OptionType.STRINGS, null,
                    "The names of the outputs, the first of which the loss is computed on; default the last layer."));

    static final List<OptionSpec> INPUT_OPTIONS = List.of(
            OptionSpec.required("shape", OptionType.INTEGERS, "The per-sample shape, without the batch axis."),
            OptionSpec.optional("dtype", OptionType.STRING, "float", "float, int (token ids) or bool (masks)."));

    private static final Set<String> NODE_KEYS = Set.of("name", "type", "inputs");

    /** A checked graph: its inputs, its layers in the order they run, and the names of its outputs. */
    record Assembled(List<GraphInput> inputs, List<GraphNode> nodes, List<String> outputs, Map<String, Shape> shapes) {
    }

    /** One layer as configured, before it is built. */
    private record Spec(int index, String name, String type, List<String> inputs, Options options) {
    }

    private GraphAssembly() {
    }

    static Assembled assemble(Options model, EngineLayerContext context) {
        model.rejectUnknown(MODEL_OPTIONS);
        List<GraphInput> inputs = inputs(model);
        List<Spec> specs = specs(model, inputs);
        Set<String> known = new LinkedHashSet<>();
        inputs.forEach(i -> known.add(i.name()));
        specs.forEach(s -> known.add(s.name()));
        for (Spec spec : specs) {
            for (int j = 0; j < spec.inputs().size(); j++) {
                checkKnown(spec.options().pathOf("inputs") + "[" + j + "]", spec.inputs().get(j), known, "input");
            }
        }
        List<String> outputs = outputs(model, specs, known);
        List<Spec> order = topologicalOrder(specs);
        Map<String, Shape> shapes = new HashMap<>();
        inputs.forEach(i -> shapes.put(i.name(), i.shape()));
        List<GraphNode> nodes = new ArrayList<>(order.size());
        for (Spec spec : order) {
            List<Shape> in = spec.inputs().stream().map(shapes::get).toList();
            Layer layer = build(spec, in, context);
            shapes.put(spec.name(), layer instanceof MultiInputLayer m ? m.outputShape(in) : layer.outputShape(in.get(0)));
            nodes.add(new GraphNode(spec.name(), spec.inputs(), layer));
        }
        return new Assembled(inputs, nodes, outputs, shapes);
    }

    private static List<GraphInput> inputs(Options model) {
        if (!(model.raw("inputs") instanceof Map<?, ?> raw) || raw.isEmpty()) {
            throw new OptionException(model.pathOf("inputs"), "expected a map of named inputs, such as"
                    + " {image: {shape: [784]}}, got " + model.raw("inputs"));
        }
        Options all = model.getOptions("inputs");
        List<GraphInput> inputs = new ArrayList<>();
        for (String name : all.keys()) {
            Options in = all.getOptions(name);
            in.rejectUnknown(INPUT_OPTIONS);
            int[] dims = in.getIntList("shape");
            for (int d : dims) {
                if (d < 1) {
                    throw new OptionException(in.pathOf("shape"), "dimensions must be positive, got " + Shape.of(dims));
                }
            }
            String dtype = OptionReader.checkChoice(in, "dtype", in.getString("dtype", "float"),
                    List.of("float", "int", "bool"));
            inputs.add(new GraphInput(name, Shape.of(dims), GraphInput.Dtype.valueOf(dtype.toUpperCase(java.util.Locale.ROOT))));
        }
        return inputs;
    }

    private static List<Spec> specs(Options model, List<GraphInput> inputs) {
        List<Options> layers = model.getOptionsList("layers");
        if (layers.isEmpty()) {
            throw new OptionException(model.pathOf("layers"), "must list at least one layer");
        }
        Map<String, String> taken = new HashMap<>();
        inputs.forEach(i -> taken.put(i.name(), model.pathOf("inputs") + "." + i.name()));
        List<Spec> specs = new ArrayList<>(layers.size());
        for (int i = 0; i < layers.size(); i++) {
            Options s = layers.get(i);
            String name = s.getString("name");
            if (name.isBlank()) {
                throw new OptionException(s.pathOf("name"), "must not be blank");
            }
            String before = taken.putIfAbsent(name, s.path());
            if (before != null) {
                throw new OptionException(s.pathOf("name"), "'" + name + "' is already the name of " + before
                        + "; names in a graph must be unique");
            }
            List<String> in = layerInputs(s, i == 0 ? null : specs.get(i - 1).name(), inputs);
            Map<String, Object> own = new LinkedHashMap<>(s.asMap());
            own.keySet().removeAll(NODE_KEYS);
            specs.add(new Spec(i, name, s.getString("type"), in, Options.of(s.path(), own)));
        }
        return specs;
    }

    /** The names a layer lists; by default the previous layer, or the only graph input for the first. */
    private static List<String> layerInputs(Options s, String previous, List<GraphInput> inputs) {
        Object raw = s.raw("inputs");
        if (raw == null) {
            if (previous != null) {
                return List.of(previous);
            }
            if (inputs.size() == 1) {
                return List.of(inputs.get(0).name());
            }
            throw new OptionException(s.pathOf("inputs"), "is required: the graph has several inputs ("
                    + String.join(", ", inputs.stream().map(GraphInput::name).toList()) + ")");
        }
        List<String> names = names(s, "inputs", raw);
        if (names.isEmpty()) {
            throw new OptionException(s.pathOf("inputs"), "must name at least one input");
        }
        return names;
    }

    private static List<String> outputs(Options model, List<Spec> specs, Set<String> known) {
        Object raw = model.raw("outputs");
        if (raw == null) {
            return List.of(specs.get(specs.size() - 1).name());
        }
        List<String> outputs = names(model, "outputs", raw);
        if (outputs.isEmpty()) {
            throw new OptionException(model.pathOf("outputs"), "must name at least one output");
        }
        for (int j = 0; j < outputs.size(); j++) {
            checkKnown(model.pathOf("outputs") + "[" + j + "]", outputs.get(j), known, "output");
        }
        return outputs;
    }

    /** A name, or a list of names. */
    private static List<String> names(Options s, String key, Object raw) {
        List<?> list = raw instanceof List<?> l ? l : List.of(raw);
        List<String> names = new ArrayList<>(list.size());
        for (Object o : list) {
            if (!(o instanceof String name)) {
                throw new OptionException(s.pathOf(key), "expected a name or a list of names, got " + raw);
            }
            names.add(name);
        }
        return names;
    }

    private static void checkKnown(String path, String name, Set<String> known, String what) {
        if (!known.contains(name)) {
            String hint = Names.closest(name, known);
            throw new OptionException(path, "unknown " + what + " '" + name + "'"
                    + (hint == null ? "" : " (did you mean '" + hint + "'?)") + "; known names: " + String.join(", ", known));
        }
    }

    /** The layers in an order where each comes after everything it takes; config order where free. */
    private static List<Spec> topologicalOrder(List<Spec> specs) {
        Map<String, Spec> byName = new LinkedHashMap<>();
        specs.forEach(s -> byName.put(s.name(), s));
        Set<String> placed = new LinkedHashSet<>();
        List<Spec> order = new ArrayList<>(specs.size());
        boolean progress = true;
        while (progress && order.size() < specs.size()) {
            progress = false;
            for (Spec s : specs) {
                if (!placed.contains(s.name()) && s.inputs().stream().allMatch(n -> !byName.containsKey(n) || placed.contains(n))) {
                    placed.add(s.name());
                    order.add(s);
                    progress = true;
                    break;
                }
            }
        }
        if (order.size() < specs.size()) {
            throw cycle(specs, byName, placed);
        }
        return order;
    }

    /** Follows unplaced inputs from the first unplaced layer until a name repeats: that loop is a cycle. */
    private static OptionException cycle(List<Spec> specs, Map<String, Spec> byName, Set<String> placed) {
        Spec at = specs.stream().filter(s -> !placed.contains(s.name())).findFirst().orElseThrow();
        List<String> path = new ArrayList<>();
        while (!path.contains(at.name())) {
            path.add(at.name());
            at = at.inputs().stream().filter(n -> byName.containsKey(n) && !placed.contains(n)).map(byName::get)
                    .findFirst().orElseThrow();
        }
        // the inputs were followed against the flow of data: reverse, and start at the layer listed first
        List<String> loop = new ArrayList<>(path.subList(path.indexOf(at.name()), path.size()));
        Collections.reverse(loop);
        Spec first = loop.stream().map(byName::get).min(Comparator.comparingInt(Spec::index)).orElseThrow();
        Collections.rotate(loop, -loop.indexOf(first.name()));
        loop.add(loop.get(0));
        return new OptionException(first.options().pathOf("inputs"), "the layers form a cycle: "
                + String.join(" -> ", loop) + "; a graph must be acyclic");
    }

    private static Layer build(Spec spec, List<Shape> in, EngineLayerContext context) {
        try {
            Layer layer = context.layer(spec.type(), spec.options(), in);
            if (layer instanceof MultiInputLayer m) {
                m.outputShape(in);
            } else {
                layer.outputShape(in.get(0));
            }
            return layer;
        } catch (ShapeMismatchException e) {
            throw placed(spec, in, e);
        }
    }

    /** Restates a layer's shape error at its place, naming its inputs and their shapes. */
    private static ShapeMismatchException placed(Spec spec, List<Shape> in, ShapeMismatchException e) {
        if (e instanceof Sequential.PlacedShapeException) {
            return e;
        }
        List<String> given = new ArrayList<>();
        for (int i = 0; i < in.size(); i++) {
            given.add(spec.inputs().get(i) + " " + in.get(i));
        }
        String where = spec.options().path() + " (" + spec.type() + " '" + spec.name() + "'): ";
        String inputs = (in.size() == 1 ? "input " : "inputs ") + String.join(", ", given);
        String self = spec.options().path() + " (" + spec.type() + "): "; // as the recurrent layers name themselves
        String own = e.getMessage().startsWith(spec.type() + ": ")
                ? e.getMessage().substring(spec.type().length() + 2)
                : e.getMessage().startsWith(self) ? e.getMessage().substring(self.length()) : e.getMessage();
        String message = e instanceof InputShapeException expected
                ? where + "expects " + expected.expectation() + " but gets " + inputs
                : where + own + " (" + inputs + ")";
        ShapeMismatchException placed = new Sequential.PlacedShapeException(message);
        placed.initCause(e);
        return placed;
    }
}
