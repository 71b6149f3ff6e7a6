package org.neurite.engine.check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

import org.neurite.api.Layer;
import org.neurite.api.Mode;
import org.neurite.api.OptionException;
import org.neurite.api.Options;
import org.neurite.api.Parameter;
import org.neurite.api.Shape;
import org.neurite.api.Tensor;
import org.neurite.engine.io.ModelFile;
import org.neurite.engine.nn.Model;
import org.neurite.engine.nn.Sequential;
import org.neurite.engine.registry.Components;
import org.neurite.engine.tensor.CpuTensor;

/**
 * The contract every layer type must keep, checked on one configuration: the layer is built as
 * the only layer of a model config ({@code model.layers[0]}) from registered providers, exactly
 * as a run builds it. Each check throws an {@link AssertionError} saying what broke, so the
 * engine's tests and the plugins' test kit run the same checks under any framework:
 * <ul>
 * <li>{@link #shapes}: {@code outputShape} without data, the forward's shape in both modes, the
 *     count of trainable scalars, parameter names as PyTorch writes them;</li>
 * <li>{@link #outputShapeMatchesForward}: the same for several input shapes;</li>
 * <li>{@link #roundTrip}: the saved architecture holds plain values and rebuilds an equal model;</li>
 * <li>{@link #stableParameters}: the same seed gives the same names and weights;</li>
 * <li>{@link #saveAndLoad}: a saved model loads back and computes identical outputs;</li>
 * <li>{@link #gradients}: finite differences for the input and every trainable parameter;</li>
 * <li>{@link #training}: plain SGD on a squared error lowers the loss;</li>
 * <li>{@link #rejects} and {@link #rejectsOption}: bad options and inputs fail as documented.</li>
 * </ul>
 */
public final class LayerCheck {

    private static final long SEED = 1;
    /** PyTorch-style names: dotted lower-case segments such as {@code 0.weight} or {@code cell.weight_ih}. */
    private static final Pattern PARAMETER_NAME = Pattern.compile("[a-z0-9_]+(\\.[a-z0-9_]+)*");

    private final Components components;
    private final String type;
    private final Map<String, Object> options;
    private Shape input = Shape.of(5);
    private int batch = 4;
    private float[] discrete;
    private boolean randomForward;
    private Mode mode = Mode.TRAINING;

    private LayerCheck(Components components, String type, Map<String, ?> options) {
        this.components = components;
        this.type = type;
        this.options = new LinkedHashMap<>(options);
    }

    /**
     * @param components where the layer type (and what its options name) is looked up
     * @param type the layer type
     * @param options its options, as in a config
     * @return a check of that layer on input {@code [5]}, batches of 4, in training mode
     */
    public static LayerCheck of(Components components, String type, Map<String, ?> options) {
        return new LayerCheck(components, type, options);
    }

    /** @return this check with another per-sample input shape */
    public LayerCheck input(Shape shape) {
        this.input = shape;
        return this;
    }

    /** @return this check run on batches of {@code n} samples */
    public LayerCheck batch(int n) {
        this.batch = n;
        return this;
    }

    /** @return this check feeding whole numbers in {@code [0, range)} (token ids), through which no gradient flows */
    public LayerCheck indices(int range) {
        float[] ids = new float[range];
        for (int i = 0; i < range; i++) {
            ids[i] = i;
        }
        return inputValues(ids);
    }

    /** @return this check feeding inputs drawn from these values only (such as 0 and 1), through which no gradient flows */
    public LayerCheck inputValues(float... values) {
        this.discrete = values.clone();
        return this;
    }

    /** @return this check for a layer that draws random numbers in its forward pass (rebuilt per evaluation) */
    public LayerCheck randomForward() {
        this.randomForward = true;
        return this;
    }

    /** @return this check computing gradients and training in that mode */
    public LayerCheck mode(Mode m) {
        this.mode = m;
        return this;
    }

    /** @return the per-sample input shape */
    public Shape input() {
        return input;
    }

    /**
     * @param type a layer type
     * @param options its options
     * @param input the per-sample input shape
     * @return a model config holding one layer of that type
     */
    public static Map<String, Object> config(String type, Map<String, ?> options, Shape input) {
        Map<String, Object> layer = new LinkedHashMap<>();
        layer.put("type", type);
        layer.putAll(options);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("input", Arrays.stream(input.dims()).boxed().toList());
        model.put("layers", List.of(layer));
        return model;
    }

    /**
     * @param seed the model's seed
     * @return a model holding this check's layer, built as a run builds it
     */
    public Sequential model(long seed) {
        return model(options, input, seed);
    }

    private Sequential model(Map<String, ?> layerOptions, Shape shape, long seed) {
        return Sequential.fromOptions(Options.of("model", config(type, layerOptions, shape)), components, seed);
    }

    /**
     * @param seed the seed of the values
     * @param perSample the per-sample shape
     * @return a batch of inputs: uniform in [-1, 1), or drawn from the {@link #inputValues}
     */
    public CpuTensor batchOf(long seed, Shape perSample) {
        int[] dims = perSample.prepend(batch).dims();
        if (discrete == null) {
            return GradientCheck.random(seed, dims);
        }
        SplittableRandom random = new SplittableRandom(seed);
        float[] v = new float[Shape.of(dims).intSize()];
        for (int i = 0; i < v.length; i++) {
            v[i] = discrete[random.nextInt(discrete.length)];
        }
        return CpuTensor.wrap(v, Shape.of(dims));
    }

    /**
     * Shapes and parameters of the layer on this check's input.
     *
     * @param expectedOutput the per-sample output shape it must give
     * @param trainableScalars how many trainable scalars it must have, or a negative number to skip that
     */
    public void shapes(Shape expectedOutput, long trainableScalars) {
        Sequential model = model(SEED);
        Layer layer = model.layers().get(0);
        expect(type.equals(layer.type()), "type() is '" + layer.type() + "', not the provider's name '" + type + "'");
        expectEqual(expectedOutput, layer.outputShape(input), "outputShape(" + input + ")");
        expectEqual(expectedOutput, model.outputShape(), "the model's output shape");
        Shape batched = expectedOutput.prepend(batch);
        expectEqual(batched, layer.forward(batchOf(7, input), Mode.TRAINING).shape(), "forward's shape in training");
        expectEqual(batched, layer.forward(batchOf(7, input), Mode.INFERENCE).shape(), "forward's shape in inference");
        long trainable = layer.parameters().values().stream().filter(Parameter::trainable)
                .mapToLong(p -> p.shape().size()).sum();
        if (trainableScalars >= 0) {
            expectEqual(trainableScalars, trainable, "the number of trainable scalars");
        }
        layer.parameters().keySet().forEach(name -> expect(PARAMETER_NAME.matcher(name).matches(),
                "parameter name '" + name + "' is not a dotted lower-case name as PyTorch writes them"));
        expectEqual(layer.parameters().size(), model.parameters().size(), "the number of parameters in a model");
    }

    /**
     * For each input shape, {@code outputShape} (without data) equals the shape the forward pass gives.
     *
     * @param inputs per-sample input shapes the layer accepts
     */
    public void outputShapeMatchesForward(List<Shape> inputs) {
        for (Shape shape : inputs) {
            Layer layer = model(options, shape, SEED).layers().get(0);
            Shape predicted = layer.outputShape(shape).prepend(batch);
            for (Mode m : Mode.values()) {
                expectEqual(predicted, layer.forward(batchOf(7, shape), m).shape(),
                        "forward's shape in " + m + " for input " + shape + ", against outputShape");
            }
        }
    }

    /** The saved architecture holds plain values and rebuilds, with another seed and the same weights, the same outputs. */
    public void roundTrip() {
        Sequential original = model(SEED);
        Map<String, Object> architecture = original.architecture();
        assertPlain("model", architecture);
        Sequential rebuilt = Sequential.fromOptions(Options.of("model", architecture), components, SEED + 1);
        expectEqual(architecture, rebuilt.architecture(), "the architecture after a round trip");
        expectEqual(List.copyOf(original.parameters().keySet()), List.copyOf(rebuilt.parameters().keySet()),
                "parameter names after a round trip");
        original.parameters().forEach((name, p) -> {
            float[] target = rebuilt.parameters().get(name).data();
            System.arraycopy(p.data(), 0, target, 0, target.length);
        });
        CpuTensor x = batchOf(7, input);
        expectSame(original.forward(x, Mode.INFERENCE), rebuilt.forward(x, Mode.INFERENCE), "the rebuilt model's output");
    }

    /** Two builds from the same seed have the same parameter names, in the same order, and the same values. */
    public void stableParameters() {
        Map<String, Parameter> a = model(SEED).parameters();
        Map<String, Parameter> b = model(SEED).parameters();
        expectEqual(List.copyOf(a.keySet()), List.copyOf(b.keySet()), "parameter names of two builds");
        a.forEach((name, p) -> expect(Arrays.equals(p.data(), b.get(name).data()),
                "parameter " + name + " differs between two builds from the same seed"));
    }

    /**
     * A model saved as {@code model.json} + safetensors loads back with identical outputs.
     *
     * @param folder an empty folder to write into
     */
    public void saveAndLoad(Path folder) {
        try {
            Sequential original = model(SEED);
            Path file = Files.createDirectories(folder).resolve("model.json");
            ModelFile.save(file, original, Map.of());
            Model loaded = ModelFile.load(file, components).model();
            CpuTensor x = batchOf(7, input);
            expectSame(original.forward(x, Mode.INFERENCE), loaded.forward(x, Mode.INFERENCE), "the loaded model's output");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The forward's gradients for the input (unless it holds indices) and every trainable parameter. */
    public void gradients() {
        gradients(GradientCheck.create());
    }

    /**
     * @param check the gradient checker, with tolerances for this layer
     */
    public void gradients(GradientCheck check) {
        Layer layer = model(SEED).layers().get(0);
        CpuTensor x = batchOf(7, input);
        List<CpuTensor> leaves = new ArrayList<>();
        if (discrete == null) {
            leaves.add(x);
        }
        layer.parameters().values().stream().filter(Parameter::trainable).forEach(p -> leaves.add(CpuTensor.of(p.value())));
        if (leaves.isEmpty()) {
            return; // fixed inputs and no trainable parameter: no gradient flows anywhere
        }
        if (randomForward) {
            expect(layer.parameters().isEmpty(), "a layer rebuilt for every evaluation has no parameters");
            check.check(args -> model(SEED).layers().get(0).forward(x, mode), leaves.toArray(CpuTensor[]::new));
        } else {
            check.check(args -> layer.forward(x, mode), leaves.toArray(CpuTensor[]::new));
        }
    }

    /** Thirty steps of plain SGD on a squared error to a random target lower the loss below 0.9 of the first. */
    public void training() {
        Sequential model = model(SEED);
        Layer layer = model.layers().get(0);
        CpuTensor x = batchOf(7, input);
        CpuTensor target = GradientCheck.random(11, model.outputShape().prepend(batch).dims());
        List<Parameter> trainable = layer.parameters().values().stream().filter(Parameter::trainable).toList();
        expect(!trainable.isEmpty(), "the layer has no trainable parameter to train");
        float first = Float.NaN;
        float last = Float.NaN;
        for (int step = 0; step < 30; step++) {
            trainable.forEach(Parameter::zeroGradient);
            Tensor diff = layer.forward(x, mode).sub(target);
            Tensor loss = diff.mul(diff).mean();
            loss.backward();
            for (Parameter p : trainable) {
                float[] data = p.data();
                float[] grad = p.gradient();
                for (int i = 0; grad != null && i < data.length; i++) {
                    data[i] -= 0.1f * grad[i];
                }
            }
            last = loss.item();
            if (step == 0) {
                first = last;
            }
        }
        expect(last < 0.9f * first, "loss after 30 SGD steps is " + last + ", from " + first);
    }

    /**
     * Building the layer with other options or on another input fails with that exception and message.
     *
     * @param badOptions the options to build with
     * @param badInput the per-sample input to build on, or {@code null} for this check's input
     * @param exception the exception expected
     * @param messageStart the message, or its beginning, with the layer's place ({@code model.layers[0]...})
     */
    public void rejects(Map<String, ?> badOptions, Shape badInput, Class<? extends Exception> exception,
                        String messageStart) {
        Exception thrown = thrownBy(badOptions, badInput == null ? input : badInput);
        expect(exception.isInstance(thrown), "expected " + exception.getSimpleName() + " but got " + describe(thrown));
        expect(thrown.getMessage() != null && thrown.getMessage().startsWith(messageStart),
                "expected a message starting with \"" + messageStart + "\" but got \"" + thrown.getMessage() + "\"");
    }

    /**
     * Building the layer with these options fails with an {@link OptionException} at the key's path.
     *
     * @param badOptions the options, holding a wrong value for {@code key}
     * @param key the key whose value is wrong
     */
    public void rejectsOption(Map<String, ?> badOptions, String key) {
        Exception thrown = thrownBy(badOptions, input);
        String path = "model.layers[0]." + key;
        expect(thrown instanceof OptionException, "options " + badOptions + ": expected an OptionException naming "
                + path + " but got " + describe(thrown));
        OptionException e = (OptionException) thrown;
        expect(e.path().equals(path) || e.path().startsWith(path + ".") || e.path().startsWith(path + "["),
                "options " + badOptions + ": the OptionException names " + e.path() + ", not " + path + " (\""
                        + e.getMessage() + "\")");
    }

    private Exception thrownBy(Map<String, ?> layerOptions, Shape shape) {
        try {
            model(layerOptions, shape, SEED);
        } catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError("building " + type + " with " + layerOptions + " on " + shape + " succeeded");
    }

    private static String describe(Exception e) {
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private static void assertPlain(String where, Object value) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                expect(k instanceof String, where + ": key " + k + " is not a string");
                assertPlain(where + "." + k, v);
            });
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                assertPlain(where + "[" + i + "]", list.get(i));
            }
        } else {
            expect(value instanceof Number || value instanceof String || value instanceof Boolean,
                    where + " holds " + (value == null ? "null" : value.getClass().getName())
                            + ", which JSON and YAML cannot write");
        }
    }

    private static void expectSame(Tensor expected, Tensor actual, String what) {
        expect(Arrays.equals(expected.toArray(), actual.toArray()), what + " differs: expected "
                + Arrays.toString(expected.toArray()) + " but got " + Arrays.toString(actual.toArray()));
    }

    private static void expectEqual(Object expected, Object actual, String what) {
        expect(Objects.equals(expected, actual), what + ": expected " + expected + " but got " + actual);
    }

    private static void expect(boolean condition, String failure) {
        if (!condition) {
            throw new AssertionError(failure);
        }
    }

    @Override
    public String toString() {
        return type + " " + options + " on " + input;
    }
}
