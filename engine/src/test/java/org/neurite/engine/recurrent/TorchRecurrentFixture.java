package org.neurite.engine.recurrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.neurite.api.Layer;
import org.neurite.api.LayerProvider;
import org.neurite.api.Mode;
import org.neurite.api.Options;
import org.neurite.api.Shape;
import org.neurite.api.Parameter;
import org.neurite.api.RecurrentCell;
import org.neurite.api.StackedRecurrentLayer;
import org.neurite.api.Tensor;
import org.neurite.engine.io.Safetensors;
import org.neurite.engine.io.TensorData;
import org.neurite.engine.registry.Components;
import org.neurite.engine.registry.EngineLayerContext;
import org.neurite.engine.tensor.CpuTensor;

/**
 * One PyTorch reference run of {@code nn.RNN/LSTM/GRU}, as {@code make_fixtures.py} (beside the
 * files in {@code src/test/resources/recurrent/}) writes it, and the check of a
 * {@link StackedRecurrentLayer} against it: outputs, final states and every gradient.
 *
 * @param name the file name without extension
 * @param tensors the file's tensors
 * @param metadata the file's metadata: cell, hidden_size, num_layers, bidirectional
 */
public record TorchRecurrentFixture(String name, Map<String, TensorData> tensors, Map<String, String> metadata) {

    /** Relative tolerance; the references are float64 runs from the same float32 values. */
    public static final double TOLERANCE = 1e-4;
    /** Below this magnitude, differences are compared absolutely (float32 rounding of sums near 0). */
    public static final double FLOOR = 1e-6;

    /**
     * The folder of the fixtures and their script: the engine's, from its base directory, or the
     * one named by the system property {@code neurite.recurrent.fixtures} (set by the plugins' builds).
     */
    public static final Path FOLDER = Path.of(System.getProperty("neurite.recurrent.fixtures",
            "src/test/resources/recurrent"));

    /**
     * @param prefix the start of the file names, such as {@code lstm-}; empty for all
     * @return the fixture files, sorted
     */
    public static List<Path> files(String prefix) {
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(FOLDER)) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix)
                    && f.toString().endsWith(".safetensors")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param file a fixture file
     * @return the fixture it holds
     */
    public static TorchRecurrentFixture read(Path file) {
        try {
            Safetensors.Content content = Safetensors.read(file);
            String name = file.getFileName().toString().replace(".safetensors", "");
            return new TorchRecurrentFixture(name, content.tensors(), content.metadata());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the cell of the reference run */
    public RecurrentCell cell() {
        return RecurrentCell.valueOf(metadata.get("cell").toUpperCase(java.util.Locale.ROOT));
    }

    /** @return the layer options of the reference run, with all steps returned */
    public Map<String, Object> options() {
        Map<String, Object> options = new java.util.LinkedHashMap<>(Map.of(
                "hidden_size", Integer.parseInt(metadata.get("hidden_size")),
                "num_layers", Integer.parseInt(metadata.get("num_layers")),
                "bidirectional", Boolean.parseBoolean(metadata.get("bidirectional")),
                "return_sequences", true));
        if (cell() == RecurrentCell.RNN_RELU || cell() == RecurrentCell.RNN_TANH) {
            options.put("nonlinearity", cell() == RecurrentCell.RNN_RELU ? "relu" : "tanh");
        }
        return options;
    }

    /**
     * @param provider the provider of the reference's layer type
     * @return a layer with the reference's options, created by the provider for the reference's
     *     inputs, holding the reference's parameters
     */
    public StackedRecurrentLayer create(LayerProvider provider) {
        return create(provider, org.neurite.engine.CpuBackend.instance());
    }

    /**
     * @param provider the provider of the reference's layer type
     * @param backend the backend the layer runs on
     * @return a layer as {@link #create(LayerProvider)} makes it, on that backend
     */
    public StackedRecurrentLayer create(LayerProvider provider, org.neurite.api.Backend backend) {
        List<Shape> shapes = new ArrayList<>();
        for (String key : List.of("x", "h0", "c0", "mask")) {
            if (tensors.containsKey(key)) {
                int[] dims = tensors.get(key).shape().dims();
                shapes.add(Shape.of(java.util.Arrays.copyOfRange(dims, 1, dims.length)));
            }
        }
        Layer layer = provider.create(Options.of("model.layers[0]", options()), shapes,
                new EngineLayerContext(Components.builtIns(), backend, new java.util.SplittableRandom(0),
                        "model.layers[0]"));
        assertThat(layer).isInstanceOf(StackedRecurrentLayer.class);
        StackedRecurrentLayer stack = (StackedRecurrentLayer) layer;
        loadInto(stack);
        return stack;
    }

    /** @return the sequence's features per step */
    public int inputSize() {
        return tensors.get("x").shape().dim(2);
    }

    /**
     * Copies the reference parameters into the layer by their PyTorch names, as a state dict
     * loads, and checks that both hold the same names.
     *
     * @param layer a layer with the reference's options
     */
    public void loadInto(StackedRecurrentLayer layer) {
        List<String> names = tensors.keySet().stream().filter(k -> k.startsWith("p.")).map(k -> k.substring(2))
                .toList();
        assertThat(layer.parameters().keySet()).as("parameter names").containsExactlyElementsOf(names);
        for (String n : names) {
            Parameter p = layer.parameters().get(n);
            TensorData data = tensors.get("p." + n);
            assertThat(p.shape()).as(n).isEqualTo(data.shape());
            System.arraycopy(data.values(), 0, p.data(), 0, data.values().length);
        }
    }

    /**
     * Runs the layer on the reference inputs, backpropagates the reference loss and compares
     * outputs, final states and the gradients of inputs, initial states and parameters.
     *
     * @param layer a layer with the reference's options and parameters
     */
    public void check(StackedRecurrentLayer layer) {
        List<CpuTensor> inputs = new ArrayList<>();
        inputs.add(leaf("x"));
        List<String> states = layer.cell().states() == 2 ? List.of("h0", "c0") : List.of("h0");
        for (String s : states) {
            if (tensors.containsKey(s)) {
                inputs.add(leaf(s));
            }
        }
        if (tensors.containsKey("mask")) {
            inputs.add(constant("mask"));
        }
        StackedRecurrentLayer.SequenceResult result = layer.run(List.copyOf(inputs), Mode.INFERENCE);
        assertClose("out", result.output());
        List<String> finals = layer.cell().states() == 2 ? List.of("h_n", "c_n") : List.of("h_n");
        List<String> weights = layer.cell().states() == 2 ? List.of("w_h", "w_c") : List.of("w_h");
        Tensor loss = result.output().mul(constant("w_out")).sum();
        for (int i = 0; i < finals.size(); i++) {
            assertClose(finals.get(i), result.finalState().get(i));
            loss = loss.add(result.finalState().get(i).mul(constant(weights.get(i))).sum());
        }
        loss.backward();
        assertClose("grad.x", inputs.get(0).grad());
        for (int i = 0; i < states.size(); i++) {
            if (tensors.containsKey(states.get(i))) {
                assertClose("grad." + states.get(i), inputs.get(1 + i).grad());
            }
        }
        layer.parameters().forEach((n, p) -> assertClose("grad.p." + n, p.value().grad()));
    }

    private CpuTensor leaf(String key) {
        return constant(key).requireGrad();
    }

    private CpuTensor constant(String key) {
        TensorData d = tensors.get(key);
        return CpuTensor.wrap(d.values().clone(), d.shape());
    }

    private void assertClose(String key, Tensor actual) {
        TensorData expected = tensors.get(key);
        assertThat(actual).as(name + ": " + key + " has no value").isNotNull();
        assertThat(actual.shape()).as(name + ": shape of " + key).isEqualTo(expected.shape());
        float[] a = actual.toArray();
        float[] e = expected.values();
        for (int i = 0; i < e.length; i++) {
            double diff = Math.abs(a[i] - e[i]);
            assertThat(diff <= TOLERANCE * Math.abs(e[i]) || diff <= FLOOR)
                    .as("%s: %s element %d: %s, PyTorch %s", name, key, i, a[i], e[i]).isTrue();
        }
    }
}
