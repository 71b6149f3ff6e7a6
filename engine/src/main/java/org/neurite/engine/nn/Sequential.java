package org.neurite.engine.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.neurite.api.Layer;
import org.neurite.api.LayerContext;
import org.neurite.api.LayerProvider;
import org.neurite.api.Mode;
import org.neurite.api.OptionException;
import org.neurite.api.OptionSpec;
import org.neurite.api.OptionType;
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
 * Layers applied one after another, PyTorch's {@code nn.Sequential}: parameters are named by
 * position ({@code 0.weight}, {@code 2.running_mean}), and every layer's input shape is checked
 * against the previous layer's output when the model is built, before any data flows.
 *
 * <p>A model is built from a config section ({@link #fromOptions}), from Java
 * ({@link #builder}), or from layer instances (the constructor); {@link #architecture()} gives
 * back the config that rebuilds it.
 */
public final class Sequential implements Model {

    /** The type name configs use for a nested sequence of layers. */
    public static final String TYPE = "sequential";

    /** The keys of a sequential model's config section, as checked and as documented in the config reference. */
    public static final List<OptionSpec> MODEL_OPTIONS = List.of(
            OptionSpec.required("input", OptionType.INTEGERS, "Per-sample input shape without the batch axis, such as [784]."),
            OptionSpec.required("layers", OptionType.MAP_LIST,
                    "The layers in order, each a map with its type and options, such as {type: dense, units: 256}."));

    private final Shape inputShape;
    private final List<Layer> layers;
    /** The types as the config wrote them, so a qualified one ({@code rival:mlp}) is saved as written; or null. */
    private final List<String> writtenTypes;
    private final Shape outputShape;
    private final RandomStreams streams;
    /** Samples per slice of a large inference batch ({@link InferenceSlices}). */
    private final int samplesPerSlice;

    /**
     * @param inputShape the per-sample input shape
     * @param layers the layers, each taking the previous one's output
     * @throws ShapeMismatchException if a layer cannot take the previous output, naming it as {@code layers[i]}
     */
    public Sequential(Shape inputShape, List<? extends Layer> layers) {
        this(inputShape, layers, null, new RandomStreams());
    }

    /** A model whose layers drew their training streams from {@code streams}. */
    Sequential(Shape inputShape, List<? extends Layer> layers, RandomStreams streams) {
        this(inputShape, layers, null, streams);
    }

    private Sequential(Shape inputShape, List<? extends Layer> layers, List<String> writtenTypes, RandomStreams streams) {
        this.inputShape = inputShape;
        this.streams = streams;
        this.layers = List.copyOf(layers);
        this.writtenTypes = writtenTypes;
        this.outputShape = chainShapes("layers", inputShape);
        this.samplesPerSlice = InferenceSlices.samplesPerSlice(inputShape, this.layers, InferenceSlices.BUDGET_BYTES);
    }

    /**
     * Builds a model from its config section, such as
     * {@code {input: [784], layers: [{type: dense, units: 256, activation: relu}, ...]}}.
     *
     * @param model the model's options; their path (such as {@code model}) prefixes every message
     * @param components where layer types and the components they name are looked up
     * @param seed the seed of every initial value
     * @return the model
     * @throws OptionException for an unknown key or layer type or a bad option, at its key path
     * @throws ShapeMismatchException if a layer cannot take the previous output, naming the layer's
     *     path, type and both shapes
     */
    public static Sequential fromOptions(Options model, Components components, long seed) {
        model.rejectUnknown(MODEL_OPTIONS);
        int[] dims = model.getIntList("input");
        for (int d : dims) {
            if (d < 1) {
                throw new OptionException(model.pathOf("input"), "dimensions must be positive, got "
                        + Arrays.toString(dims));
            }
        }
        List<Options> specs = model.getOptionsList("layers");
        if (specs.isEmpty()) {
            throw new OptionException(model.pathOf("layers"), "must list at least one layer");
        }
        Shape input = Shape.of(dims);
        EngineLayerContext context = EngineLayerContext.seeded(components, seed, model.path());
        return new Sequential(input, build(specs, input, context), writtenTypes(specs), context.streams());
    }

    /**
     * @param inputShape the per-sample input shape
     * @return a builder of a model, for Java code
     */
    public static SequentialBuilder builder(Shape inputShape) {
        return new SequentialBuilder(inputShape);
    }

    /**
     * Creates the layers a config lists, each for the previous one's output.
     *
     * @param specs the layers' options, each with its {@code type}
     * @param input the per-sample input of the first
     * @param context where types are looked up; each layer is built at its spec's path
     * @return the layers
     */
    static List<Layer> build(List<Options> specs, Shape input, LayerContext context) {
        List<Layer> built = new ArrayList<>(specs.size());
        Shape shape = input;
        for (int i = 0; i < specs.size(); i++) {
            Options spec = specs.get(i);
            String type = spec.getString("type");
            Map<String, Object> own = new LinkedHashMap<>(spec.asMap());
            own.remove("type");
            try {
                Layer layer = context.layer(type, Options.of(spec.path(), own), shape);
                shape = layer.outputShape(shape);
                built.add(layer);
            } catch (ShapeMismatchException e) {
                throw placed(spec.path(), type, i == 0, shape, e);
            }
        }
        return built;
    }

    private static List<String> writtenTypes(List<Options> specs) {
        return specs.stream().map(spec -> spec.getString("type")).toList();
    }

    /** Restates a layer's shape error at its place in the model, unless an inner sequence already did. */
    static ShapeMismatchException placed(String path, String type, boolean first, Shape input,
                                         ShapeMismatchException e) {
        if (e instanceof PlacedShapeException) {
            return e;
        }
        String given = (first ? "the input is " : "the previous layer gives ") + input;
        String place = path + " (" + type + "): ";
        // a layer that names its own place (as the recurrent ones do) is not named twice
        String own = e.getMessage().startsWith(place) ? e.getMessage().substring(place.length()) : e.getMessage();
        String message = e instanceof InputShapeException expected
                ? place + "expects " + expected.expectation() + " but " + given
                : place + own + " (" + given + ")";
        PlacedShapeException placed = new PlacedShapeException(message);
        placed.initCause(e);
        return placed;
    }

    private Shape chainShapes(String prefix, Shape input) {
        Shape shape = input;
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            try {
                shape = layer.outputShape(shape);
            } catch (ShapeMismatchException e) {
                throw placed(prefix + "[" + i + "]", layer.type(), i == 0, shape, e);
            }
        }
        return shape;
    }

    /** @return the per-sample input shape */
    public Shape inputShape() {
        return inputShape;
    }

    /** @return the only input, named {@code input}, and its per-sample shape */
    @Override
    public Map<String, Shape> inputShapes() {
        return Map.of(org.neurite.engine.data.Dataset.INPUT, inputShape);
    }

    /** @return the per-sample output shape */
    @Override
    public RandomStreams randomStreams() {
        return streams;
    }

    @Override
    public Shape outputShape() {
        return outputShape;
    }

    /** @return the layers, in order */
    public List<Layer> layers() {
        return layers;
    }

    /**
     * The config that rebuilds this model (with {@link #fromOptions}), in the config's
     * vocabulary: {@code {input: [784], layers: [{type: dense, units: 256, ...}, ...]}}.
     *
     * @return plain maps, lists, numbers, strings and booleans
     */
    @Override
    public Map<String, Object> architecture() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("input", dimsList(inputShape));
        a.put("layers", layerSpecs());
        return a;
    }

    private List<Map<String, Object>> layerSpecs() {
        List<Map<String, Object>> specs = new ArrayList<>(layers.size());
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            Map<String, Object> spec = new LinkedHashMap<>();
            boolean qualified = writtenTypes != null && writtenTypes.get(i).contains(":");
            spec.put("type", qualified ? writtenTypes.get(i) : layer.type());
            spec.putAll(layer.options().asMap());
            specs.add(spec);
        }
        return specs;
    }

    private static List<Integer> dimsList(Shape shape) {
        List<Integer> dims = new ArrayList<>(shape.rank());
        for (int d : shape.dims()) {
            dims.add(d);
        }
        return dims;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Options options() {
        return Options.of(Map.of("layers", layerSpecs()));
    }

    @Override
    public Shape outputShape(Shape input) {
        return chainShapes("layers", input);
    }

    @Override
    public Map<String, Parameter> parameters() {
        Map<String, Parameter> all = new LinkedHashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            String prefix = i + ".";
            layers.get(i).parameters().forEach((name, p) -> all.put(prefix + name, p));
        }
        return all;
    }

    /**
     * {@inheritDoc} A failure inside a layer (a bug in its code, a class missing from its plugin)
     * becomes a {@link ComponentException} naming the layer's place and type, such as
     * {@code layers[2] (noisy): forward failed: IllegalStateException: ...}; an enclosing
     * sequence prefixes its own place. The operations a layer records remember its place
     * ({@link LayerScope}), so that a failure in their backward steps names the layer too.
     */
    @Override
    public Tensor forward(Tensor input, Mode mode) {
        if (InferenceSlices.apply(input, inputShape, mode, samplesPerSlice)) {
            return InferenceSlices.forward(input, samplesPerSlice, slice -> forwardLayers(slice, mode));
        }
        return forwardLayers(input, mode);
    }

    /**
     * Runs the layers one after another; a layer that can run its successor's forward with its own
     * ({@link Layer#forwardFused}) runs both.
     */
    private Tensor forwardLayers(Tensor input, Mode mode) {
        Tensor x = input;
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            LayerScope.Place outer = LayerScope.enter("layers[" + i + "]", layer.type());
            try {
                Tensor both = i + 1 < layers.size() ? layer.forwardFused(x, layers.get(i + 1), mode) : null;
                if (both != null) {
                    x = both;
                    i++;
                } else {
                    x = layer.forward(x, mode);
                }
            } catch (ComponentException e) {
                throw e.within("layers[" + i + "]");
            } catch (IllegalArgumentException e) {
                throw e; // bad data or options (shapes, values a layer refuses), not a fault of the layer's code
            } catch (RuntimeException | LinkageError e) {
                throw new ComponentException("layers[" + i + "]", "(" + layer.type() + ") forward failed: "
                        + ComponentException.describe(e), e);
            } finally {
                LayerScope.exit(outer);
            }
        }
        return x;
    }

    /** Takes the only input, whatever its name. */
    @Override
    public Tensor forward(Map<String, Tensor> inputs, Mode mode) {
        return forward(Model.onlyInput(this, inputs), mode);
    }

    /** A shape error already restated at its layer's place. */
    static final class PlacedShapeException extends ShapeMismatchException {
        private static final long serialVersionUID = 1L;

        /** @param message the message, starting with the layer's key path */
        PlacedShapeException(String message) {
            super(message);
        }
    }

    /** Creates nested sequences of layers from configs. */
    public static final class Provider implements LayerProvider {

        @Override
        public String name() {
            return TYPE;
        }

        @Override
        public String description() {
            return "Layers applied one after another; parameters are named by position (0.weight, 1.bias, ...).";
        }

        @Override
        public List<OptionSpec> options() {
            return List.of(MODEL_OPTIONS.get(1));
        }

        @Override
        public Layer create(Options options, Shape inputShape, LayerContext context) {
            options.rejectUnknown(options());
            List<Options> specs = options.getOptionsList("layers");
            RandomStreams streams = context instanceof EngineLayerContext e ? e.streams() : new RandomStreams();
            return new Sequential(inputShape, build(specs, inputShape, context), writtenTypes(specs), streams);
        }
    }
}
