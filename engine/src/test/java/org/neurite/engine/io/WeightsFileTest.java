package org.neurite.engine.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.api.Parameter;
import org.neurite.api.Shape;
import org.neurite.engine.tensor.CpuParameter;
import org.neurite.engine.tensor.CpuTensor;

class WeightsFileTest {

    @TempDir
    Path dir;

    private static Parameter param(Shape shape, float... values) {
        return new CpuParameter(CpuTensor.wrap(values, shape), true);
    }

    private static Map<String, Parameter> model(float offset) {
        Map<String, Parameter> p = new LinkedHashMap<>();
        p.put("layers.0.weight", param(Shape.of(2, 3), offset + 1, offset + 2, offset + 3, offset + 4, offset + 5, offset + 6));
        p.put("layers.0.bias", param(Shape.of(2), offset + 7, offset + 8));
        p.put("norm.running_mean", new CpuParameter(CpuTensor.wrap(new float[] {offset}, Shape.of(1)), false));
        return p;
    }

    @Test
    void savesAndLoadsIntoTheParametersOfAnotherModel() throws IOException {
        Path file = dir.resolve("model.safetensors");
        Map<String, Parameter> trained = model(0.5f);
        Map<String, Parameter> fresh = model(100);

        WeightsFile.save(file, trained, Map.of("epoch", "3"));
        Map<String, String> metadata = WeightsFile.load(file, fresh);

        assertThat(fresh.get("layers.0.weight").data()).containsExactly(1.5f, 2.5f, 3.5f, 4.5f, 5.5f, 6.5f);
        assertThat(fresh.get("layers.0.bias").data()).containsExactly(7.5f, 8.5f);
        assertThat(fresh.get("norm.running_mean").data()).containsExactly(0.5f);
        assertThat(metadata).containsExactly(Map.entry("format", "neurite-weights"), Map.entry("format_version", "1"),
                Map.entry("epoch", "3"));
        // The live storage was filled, not replaced.
        assertThat(fresh.get("layers.0.bias").value().toArray()).containsExactly(7.5f, 8.5f);
    }

    @Test
    void loadsAnUntaggedFileAsPyTorchWritesIt() throws IOException {
        Path file = dir.resolve("torch.safetensors");
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        tensors.put("layers.0.bias", new TensorData(Shape.of(2), new float[] {-1, -2}));
        tensors.put("layers.0.weight", new TensorData(Shape.of(2, 3), new float[] {6, 5, 4, 3, 2, 1}));
        tensors.put("norm.running_mean", new TensorData(Shape.of(1), new float[] {9}));
        Safetensors.write(file, tensors, Map.of());
        Map<String, Parameter> model = model(0);

        assertThat(WeightsFile.load(file, model)).isEmpty();

        assertThat(model.get("layers.0.weight").data()).containsExactly(6, 5, 4, 3, 2, 1);
        assertThat(model.get("layers.0.bias").data()).containsExactly(-1, -2);
    }

    @Test
    void namesEveryMissingUnexpectedAndMisshapenParameterAndChangesNothing() throws IOException {
        Path file = dir.resolve("other.safetensors");
        Map<String, Parameter> other = new LinkedHashMap<>();
        other.put("layers.0.weight", param(Shape.of(3, 2), 1, 2, 3, 4, 5, 6));
        other.put("head.weight", param(Shape.of(1), 1));
        WeightsFile.save(file, other);
        Map<String, Parameter> model = model(0);

        assertThatThrownBy(() -> WeightsFile.load(file, model))
                .isInstanceOf(FileFormatException.class)
                .hasMessage(file + ": parameters: the file does not fit the model: parameter layers.0.weight has shape"
                        + " [2, 3] but the file holds [3, 2]; missing from the file: layers.0.bias, norm.running_mean;"
                        + " unexpected in the file: head.weight");
        assertThat(model.get("layers.0.weight").data()).containsExactly(1, 2, 3, 4, 5, 6);
    }

    @Test
    void refusesFilesOfANewerVersionOrAnotherKind() throws IOException {
        Path newer = dir.resolve("newer.safetensors");
        Safetensors.write(newer, Map.of(), Map.of("format", "neurite-weights", "format_version", "2"));
        Path state = dir.resolve("state.safetensors");
        OptimizerStateFile.save(state, "sgd", Map.of());

        assertThatThrownBy(() -> WeightsFile.load(newer, Map.of()))
                .hasMessage(newer + ": __metadata__.format_version: expected version 1 or older, found 2"
                        + " (written by a newer Neurite)");
        assertThatThrownBy(() -> WeightsFile.load(state, Map.of()))
                .hasMessage(state + ": __metadata__.format: expected a neurite-weights file, found neurite-optimizer-state");
    }

    @Test
    void refusesMetadataThatWouldHideTheFormat() {
        assertThatThrownBy(() -> WeightsFile.save(dir.resolve("x"), model(0), Map.of("format", "mine")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("metadata key format is reserved for the file format");
    }
}
