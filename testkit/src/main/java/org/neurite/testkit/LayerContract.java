package org.neurite.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.function.Executable;
import org.neurite.api.ComponentProvider;
import org.neurite.api.LayerProvider;
import org.neurite.api.Mode;
import org.neurite.api.OptionSpec;
import org.neurite.api.OptionType;
import org.neurite.api.Shape;
import org.neurite.engine.check.LayerCheck;
import org.neurite.engine.registry.Components;

/**
 * The contract of a layer type, as JUnit 5 dynamic tests: one configuration of a plugin's layer
 * is built exactly as {@code neurite train} builds it (options checked against the provider's
 * specs, as {@code model.layers[0]}) and checked for
 * <ul>
 * <li>shapes: {@code outputShape} equals the forward's shape, in both modes, for the main input
 *     and every {@link #alsoOn other input}; the expected output shape and parameter count;</li>
 * <li>options: the saved architecture rebuilds the same model; an unknown key and a value of the
 *     wrong type for each documented option fail with an {@code OptionException} naming the key,
 *     as do the {@link #rejects bad options} listed;</li>
 * <li>parameters: names are stable and PyTorch-like, the same seed gives the same weights, a saved
 *     model loads back with identical outputs;</li>
 * <li>gradients of the input and every trainable parameter against finite differences, and a
 *     few SGD steps that lower a squared error.</li>
 * </ul>
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicNode> contract() {
 *     return LayerContract.of(new ScaleProvider(), Map.of("init", 0.5)).input(3, 4).output(3, 4).parameters(4)
 *             .rejects(Map.of("init", "big"), "init").tests();
 * }
 * }</pre>
 */
public final class LayerContract {

    private final LayerProvider provider;
    private final Map<String, Object> options;
    private final List<ComponentProvider> others = new ArrayList<>();
    private final List<Shape> otherInputs = new ArrayList<>();
    private final Map<Map<String, Object>, String> badOptions = new LinkedHashMap<>();
    private Shape input = Shape.of(5);
    private Shape output;
    private long parameterCount = -1;
    private float[] inputValues;
    private String noGradientsBecause;
    private boolean randomForward;
    private Mode mode = Mode.TRAINING;
    private Gradients gradients = Gradients.create();

    private LayerContract(LayerProvider provider, Map<String, ?> options) {
        this.provider = provider;
        this.options = new LinkedHashMap<>(options);
    }

    /**
     * @param provider the provider of the layer type under test
     * @param options the options of the configuration checked, as a config writes them
     * @return the contract of that configuration, on input {@code [5]}
     */
    public static LayerContract of(LayerProvider provider, Map<String, ?> options) {
        return new LayerContract(provider, options);
    }

    /** @return this contract with other providers registered too, such as the rest of the plugin */
    public LayerContract with(ComponentProvider... providers) {
        others.addAll(List.of(providers));
        return this;
    }

    /** @return this contract on a per-sample input shape (without the batch axis) */
    public LayerContract input(int... dims) {
        this.input = Shape.of(dims);
        return this;
    }

    /** @return this contract expecting that per-sample output shape */
    public LayerContract output(int... dims) {
        this.output = Shape.of(dims);
        return this;
    }

    /** @return this contract expecting that many trainable scalars */
    public LayerContract parameters(long count) {
        this.parameterCount = count;
        return this;
    }

    /** @return this contract also checking {@code outputShape} against the forward on these per-sample inputs */
    public LayerContract alsoOn(Shape... inputs) {
        otherInputs.addAll(List.of(inputs));
        return this;
    }

    /** @return this contract feeding inputs drawn from these values only (token ids, binary inputs), which carry no gradient */
    public LayerContract inputValues(float... values) {
        this.inputValues = values.clone();
        return this;
    }

    /**
     * @param reason why the layer's backward is not its forward's derivative (a straight-through estimator)
     * @return this contract without the finite-difference check of gradients
     */
    public LayerContract withoutGradientCheck(String reason) {
        this.noGradientsBecause = reason;
        return this;
    }

    /** @return this contract for a layer that draws random numbers in its forward pass (rebuilt per evaluation) */
    public LayerContract randomForward() {
        this.randomForward = true;
        return this;
    }

    /** @return this contract checking gradients and training in that mode (default training) */
    public LayerContract mode(Mode m) {
        this.mode = m;
        return this;
    }

    /** @return this contract checking gradients with these tolerances */
    public LayerContract gradients(Gradients check) {
        this.gradients = check;
        return this;
    }

    /**
     * @param bad options this layer must refuse (they replace the contract's options)
     * @param key the key the {@code OptionException} must name
     * @return this contract
     */
    public LayerContract rejects(Map<String, ?> bad, String key) {
        badOptions.put(new LinkedHashMap<>(bad), key);
        return this;
    }

    /** @return the contract's tests, for a {@code @TestFactory} */
    public Stream<DynamicNode> tests() {
        List<ComponentProvider> all = new ArrayList<>(others);
        all.add(0, provider);
        Components components = KitComponents.of(all);
        LayerCheck check = LayerCheck.of(components, provider.name(), options).input(input).mode(mode);
        if (inputValues != null) {
            check.inputValues(inputValues);
        }
        if (randomForward) {
            check.randomForward();
        }
        List<DynamicNode> tests = new ArrayList<>();
        tests.add(test("shapes", () -> {
            check.shapes(output == null ? check.model(1).outputShape() : output, parameterCount);
            List<Shape> inputs = new ArrayList<>(otherInputs);
            inputs.add(0, input);
            check.outputShapeMatchesForward(inputs);
        }));
        tests.add(test("options round trip", check::roundTrip));
        tests.add(test("same seed, same parameter names and weights", check::stableParameters));
        tests.add(test("save and load give identical outputs", () -> inTemporaryFolder(check::saveAndLoad)));
        if (noGradientsBecause == null) {
            tests.add(test("gradients", () -> check.gradients(gradients.engineCheck())));
        }
        if (check.model(1).parameters().values().stream().anyMatch(p -> p.trainable())) {
            tests.add(test("training lowers the loss", check::training));
        }
        tests.add(test("rejects an unknown option", () -> check.rejectsOption(with("no_such_option", 1), "no_such_option")));
        for (OptionSpec spec : provider.options()) {
            Object wrong = wrongValue(spec.type());
            tests.add(test("rejects " + spec.name() + ": " + wrong, () -> check.rejectsOption(with(spec.name(), wrong),
                    spec.name())));
        }
        badOptions.forEach((bad, key) -> tests.add(test("rejects " + bad, () -> check.rejectsOption(bad, key))));
        return Stream.of(DynamicContainer.dynamicContainer(check.toString(), tests));
    }

    private Map<String, Object> with(String key, Object value) {
        Map<String, Object> changed = new LinkedHashMap<>(options);
        changed.put(key, value);
        return changed;
    }

    /** A value no option of that type accepts. */
    private static Object wrongValue(OptionType type) {
        return switch (type) {
            case STRING, STRINGS, COMPONENT -> Boolean.TRUE;
            default -> "wrong";
        };
    }

    private static DynamicTest test(String name, Executable check) {
        return DynamicTest.dynamicTest(name, check);
    }

    private static void inTemporaryFolder(java.util.function.Consumer<Path> work) throws IOException {
        Path folder = Files.createTempDirectory("neurite-testkit");
        try {
            work.accept(folder);
        } finally {
            try (Stream<Path> files = Files.walk(folder)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> {
                    try {
                        Files.delete(p);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
    }
}
