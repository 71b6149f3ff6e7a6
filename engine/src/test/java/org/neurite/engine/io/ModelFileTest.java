package org.neurite.engine.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.api.Mode;
import org.neurite.api.Shape;
import org.neurite.api.Tensor;
import org.neurite.engine.CpuBackend;
import org.neurite.engine.nn.Graph;
import org.neurite.engine.nn.GraphInput;
import org.neurite.engine.nn.Sequential;
import org.neurite.engine.registry.Components;

class ModelFileTest {

    @TempDir
    Path dir;

    private static Sequential model(long seed) {
        return Sequential.builder(Shape.of(3)).seed(seed)
                .add("dense", Map.of("units", 4, "activation", "tanh"))
                .add("dense", Map.of("units", 2))
                .build();
    }

    @Test
    void savesArchitectureAndWeightsAndLoadsTheSameFunction() throws IOException {
        Sequential trained = model(7);
        Path json = dir.resolve("model.json");
        ModelFile.save(json, trained, Map.of("loss", "cross_entropy"));

        assertThat(Files.exists(dir.resolve("model.safetensors"))).isTrue();
        ModelFile.Loaded loaded = ModelFile.load(json, Components.builtIns());

        assertThat(loaded.info()).containsExactly(Map.entry("loss", "cross_entropy"));
        // numbers come back as longs, so the architectures are compared as JSON
        assertThat(Json.write(loaded.model().architecture())).isEqualTo(Json.write(trained.architecture()));
        Tensor x = CpuBackend.instance().tensor(new float[] {0.5f, -1, 2, 1, 0, -0.25f}, Shape.of(2, 3));
        assertThat(loaded.model().forward(x, Mode.INFERENCE).toArray())
                .containsExactly(trained.forward(x, Mode.INFERENCE).toArray());
    }

    @Test
    void aGraphRoundTripsWithItsInputsLayersOutputsAndWeights() throws IOException {
        Graph trained = Graph.builder().seed(3).input("x", Shape.of(3)).input("ids", Shape.of(2), GraphInput.Dtype.INT)
                .layer("fc", "dense", Map.of("units", 4, "activation", "tanh"), "x")
                .layer("embed", "embedding", Map.of("vocabulary", 5, "dim", 2), "ids")
                .layer("flat", "flatten", Map.of(), "embed")
                .layer("both", "concat", Map.of(), "fc", "flat")
                .layer("block", "sequential", Map.of("layers", List.of(Map.of("type", "dense", "units", 8),
                        Map.of("type", "layer_norm"))), "both")
                .layer("out", "dense", Map.of("units", 2), "block")
                .output("out").output("fc")
                .build();
        Path json = dir.resolve("model.json");
        ModelFile.save(json, trained, Map.of());

        ModelFile.Loaded loaded = ModelFile.load(json, Components.builtIns());

        Graph graph = (Graph) loaded.model();
        assertThat(Json.write(graph.architecture())).isEqualTo(Json.write(trained.architecture()));
        assertThat(graph.parameters().keySet()).contains("block.0.weight", "block.1.bias", "embed.weight");
        assertThat(graph.outputNames()).containsExactly("out", "fc");
        Map<String, Tensor> inputs = Map.of("x", CpuBackend.instance().tensor(new float[] {0.5f, -1, 2}, Shape.of(1, 3)),
                "ids", CpuBackend.instance().tensor(new float[] {4, 1}, Shape.of(1, 2)));
        assertThat(graph.forward(inputs, Mode.INFERENCE).toArray())
                .containsExactly(trained.forward(inputs, Mode.INFERENCE).toArray());
        assertThat(Files.readString(json)).contains("\"inputs\"", "\"dtype\": \"int\"", "\"outputs\"");
    }

    @Test
    void theJsonUsesTheConfigVocabulary() throws IOException {
        Path json = dir.resolve("net.json");
        ModelFile.save(json, model(1), Map.of());

        Object read = Json.read(json);
        assertThat(read).isInstanceOf(Map.class);
        Map<?, ?> map = (Map<?, ?>) read;
        assertThat(map.get("format")).isEqualTo("neurite-model");
        assertThat(map.get("weights")).isEqualTo("net.safetensors");
        Map<?, ?> architecture = (Map<?, ?>) map.get("model");
        assertThat(architecture.get("input")).isEqualTo(List.of(3L));
        assertThat(((Map<?, ?>) ((List<?>) architecture.get("layers")).get(0)).get("type")).isEqualTo("dense");
    }

    @Test
    void aTruncatedWeightsFileIsReportedWithItsName() throws IOException {
        Path json = dir.resolve("model.json");
        ModelFile.save(json, model(1), Map.of());
        Path weights = ModelFile.weightsFileOf(json);
        byte[] bytes = Files.readAllBytes(weights);
        Files.write(weights, Arrays.copyOf(bytes, bytes.length - 10));

        assertThatThrownBy(() -> ModelFile.load(json, Components.builtIns()))
                .isInstanceOf(FileFormatException.class)
                .hasMessageContaining(weights.toString());
    }

    @Test
    void aTruncatedJsonFileIsReportedWithItsNameAndLine() throws IOException {
        Path json = dir.resolve("model.json");
        ModelFile.save(json, model(1), Map.of());
        String text = Files.readString(json);
        Files.writeString(json, text.substring(0, text.length() / 2), StandardCharsets.UTF_8);

        assertThatThrownBy(() -> ModelFile.load(json, Components.builtIns()))
                .isInstanceOf(FileFormatException.class)
                .hasMessageStartingWith(json.toString())
                .hasMessageContaining("line");
    }

    @Test
    void anArchitectureThatDoesNotBuildNamesTheLayer() throws IOException {
        Path json = dir.resolve("model.json");
        ModelFile.save(json, model(1), Map.of());
        Files.writeString(json, Files.readString(json).replace("\"tanh\"", "\"tanhh\""));

        assertThatThrownBy(() -> ModelFile.load(json, Components.builtIns()))
                .isInstanceOf(FileFormatException.class)
                .hasMessageContaining(json.toString())
                .hasMessageContaining("model.layers[0].activation")
                .hasMessageContaining("did you mean 'tanh'");
    }

    @Test
    void anotherKindOfFileIsRefused() throws IOException {
        Path json = dir.resolve("model.json");
        Files.writeString(json, "{\"format\": \"something-else\"}");

        assertThatThrownBy(() -> ModelFile.load(json, Components.builtIns()))
                .isInstanceOf(FileFormatException.class)
                .hasMessage(json + ": format: expected \"neurite-model\", found \"something-else\"");
    }

    @Test
    void aMissingWeightsFileIsNamed() throws IOException {
        Path json = dir.resolve("model.json");
        ModelFile.save(json, model(1), Map.of());
        Files.delete(dir.resolve("model.safetensors"));

        assertThatThrownBy(() -> ModelFile.load(json, Components.builtIns()))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("model.safetensors");
    }

    @Test
    void infoMayNotOverrideTheFormat() {
        assertThatThrownBy(() -> ModelFile.save(dir.resolve("m.json"), model(1), Map.of("weights", "x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'weights'");
    }

    @Test
    void aModelWithNonFiniteWeightsIsNeverSaved() {
        Sequential diverged = model(7);
        diverged.parameters().get("1.weight").data()[3] = Float.NaN;
        Path json = dir.resolve("model.json");

        assertThatThrownBy(() -> ModelFile.save(json, diverged, Map.of()))
                .isInstanceOf(NonFiniteWeightsException.class)
                .hasMessageStartingWith("the trained model is not saved: 1.weight [2, 4] holds NaN at element 3");
        assertThat(json).doesNotExist();
        assertThat(dir.resolve("model.safetensors")).doesNotExist();
    }
}
