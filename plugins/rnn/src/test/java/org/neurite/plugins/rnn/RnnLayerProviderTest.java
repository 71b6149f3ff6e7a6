package org.neurite.plugins.rnn;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.neurite.api.OptionException;
import org.neurite.api.Options;
import org.neurite.api.Shape;
import org.neurite.engine.recurrent.TorchRecurrentFixture;
import org.neurite.engine.registry.Components;
import org.neurite.engine.registry.EngineLayerContext;

/** The rnn layer type as the plugin ships it, against PyTorch's reference runs. */
class RnnLayerProviderTest {

    private final RnnLayerProvider provider = new RnnLayerProvider();

    static List<Path> fixtures() {
        return TorchRecurrentFixture.files("rnn_");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void aPyTorchStateDictLoadsUnchangedAndGivesPyTorchsOutputsStatesAndGradients(Path file) {
        TorchRecurrentFixture fixture = TorchRecurrentFixture.read(file);
        fixture.check(fixture.create(provider));
    }

    @Test
    void aWrongOptionIsRefusedNamingItsKeyPath() {
        var context = EngineLayerContext.seeded(Components.builtIns(), 0, "model.layers[1]");
        Options options = Options.of("model.layers[1]", Map.of("hidden_size", 8, "dropout", 1.5));

        assertThatThrownBy(() -> provider.create(options, Shape.of(28, 28), context))
                .isInstanceOf(OptionException.class).hasMessageContaining("model.layers[1].dropout")
                .hasMessageContaining("[0, 1)");
    }
}
