package org.neurite.engine.recurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.api.RecurrentCell;
import org.neurite.api.Shape;
import org.neurite.api.StackedRecurrentLayer;
import org.neurite.engine.io.FileFormatException;
import org.neurite.engine.io.Safetensors;
import org.neurite.engine.io.TensorData;
import org.neurite.engine.io.WeightsFile;

/**
 * A PyTorch {@code nn.LSTM} state dict, as a safetensors file of its own names, loads into the
 * recurrent stack through the engine's weights loader; one with a tensor missing or extra is
 * refused, naming it.
 */
class RecurrentStateDictTest {

    @TempDir
    Path temp;

    private final TorchRecurrentFixture fixture = TorchRecurrentFixture.read(
            TorchRecurrentFixture.FOLDER.resolve("lstm-stacked-bidirectional.safetensors"));

    private Map<String, TensorData> stateDict() {
        Map<String, TensorData> dict = new LinkedHashMap<>();
        fixture.tensors().forEach((k, v) -> {
            if (k.startsWith("p.")) {
                dict.put(k.substring(2), v);
            }
        });
        return dict;
    }

    private StackedRecurrentLayer freshLayer() {
        return (StackedRecurrentLayer) StackedRecurrentLayerTest.provider(RecurrentCell.LSTM).create(
                org.neurite.api.Options.of("model.layers[0]", fixture.options()), Shape.of(5, fixture.inputSize()),
                org.neurite.engine.registry.EngineLayerContext.seeded(
                        org.neurite.engine.registry.Components.builtIns(), 9, "model.layers[0]"));
    }

    @Test
    void aPyTorchStateDictLoadsUnchangedAndGivesPyTorchsResults() throws IOException {
        Path file = temp.resolve("lstm.safetensors");
        Safetensors.write(file, stateDict(), Map.of());
        StackedRecurrentLayer layer = freshLayer();

        WeightsFile.load(file, layer.parameters());

        fixture.check(layer);
    }

    @Test
    void aStateDictWithATensorMissingOrExtraIsRefusedNamingIt() throws IOException {
        Map<String, TensorData> dict = stateDict();
        dict.remove("bias_hh_l1_reverse");
        dict.put("proj_l0", new TensorData(Shape.of(2), new float[2]));
        Path file = temp.resolve("lstm.safetensors");
        Safetensors.write(file, dict, Map.of());

        assertThatThrownBy(() -> WeightsFile.load(file, freshLayer().parameters()))
                .isInstanceOf(FileFormatException.class)
                .hasMessageContaining("missing from the file: bias_hh_l1_reverse")
                .hasMessageContaining("unexpected in the file: proj_l0");
        assertThat(file).isRegularFile();
    }
}
