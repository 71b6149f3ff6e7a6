package org.neurite.engine.recurrent;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.neurite.api.LayerProvider;
import org.neurite.api.OptionException;
import org.neurite.api.Options;
import org.neurite.api.Shape;
import org.neurite.engine.registry.Components;
import org.neurite.engine.registry.EngineLayerContext;

/**
 * The checks every recurrent plugin's layer type passes as the plugin ships it (rnn, lstm, gru):
 * a PyTorch state dict loads unchanged and gives PyTorch's outputs, states and gradients on each
 * of its reference runs, and a wrong option is refused naming its key path. A plugin's test
 * extends it with its provider and the name prefix of its fixtures.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class RecurrentProviderCheck {

    private final LayerProvider provider;
    private final String fixturePrefix;

    /**
     * @param provider the plugin's layer provider
     * @param fixturePrefix the start of its fixtures' file names, such as {@code gru-}
     */
    protected RecurrentProviderCheck(LayerProvider provider, String fixturePrefix) {
        this.provider = provider;
        this.fixturePrefix = fixturePrefix;
    }

    List<Path> fixtures() {
        return TorchRecurrentFixture.files(fixturePrefix);
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
