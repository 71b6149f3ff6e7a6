package org.neurite.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.neurite.api.Activation;
import org.neurite.api.ActivationProvider;
import org.neurite.api.ComponentProvider;
import org.neurite.api.LayerProvider;
import org.neurite.api.OptionException;
import org.neurite.api.OptionSpec;
import org.neurite.api.OptionType;
import org.neurite.api.Options;
import org.neurite.engine.nn.BuiltInLayers;

class ComponentsTest {

    @Test
    void builtInsHoldEveryCoreLayerAndTheOtherBuiltInLists() {
        Components c = Components.builtIns();
        assertThat(c.layers().names()).containsExactly("activation", "add", "batch_norm", "concat", "dense",
                "dropout", "embedding", "flatten", "layer_norm", "multiply", "permute", "reshape", "sequential");
        assertThat(c.layers().providers()).hasSameSizeAs(BuiltInLayers.providers());
        assertThat(c.activations().kind()).isEqualTo("activation");
        assertThat(c.losses().kind()).isEqualTo("loss");
        assertThat(c.optimizers().kind()).isEqualTo("optimizer");
        assertThat(c.initializers().kind()).isEqualTo("initializer");
    }

    @Test
    void everyBuiltInLayerDocumentsItsOptions() {
        for (LayerProvider p : BuiltInLayers.providers()) {
            assertThat(p.description()).as(p.name()).isNotBlank();
            p.options().forEach(o -> assertThat(o.description()).as(p.name() + "." + o.name()).isNotBlank());
        }
    }

    @Test
    void registersAPluginProviderByItsKindAndCreatesThroughIt() {
        ActivationProvider swish = mock(ActivationProvider.class);
        Activation made = mock(Activation.class);
        when(swish.name()).thenReturn("my_swish");
        Options options = Options.of("model.layers[0].activation", Map.of("beta", 2));
        when(swish.options()).thenReturn(List.of(OptionSpec.optional("beta", OptionType.NUMBER, 1.0, "Slope.")));
        when(swish.create(options)).thenReturn(made);
        Components c = Components.empty().register(swish);
        assertThat(c.activations().names()).containsExactly("my_swish");
        assertThat(c.layers().names()).isEmpty();
        assertThat(c.activation("my_swish", options)).isSameAs(made);
        assertThatThrownBy(() -> c.activation("my_swsh", Options.of("run.activation", Map.of())))
                .isInstanceOf(OptionException.class)
                .hasMessage("run.activation: unknown activation 'my_swsh' (did you mean 'my_swish'?); known: my_swish");
    }

    @Test
    void refusesAProviderOfNoKnownKind() {
        ComponentProvider odd = mock(ComponentProvider.class);
        when(odd.name()).thenReturn("odd");
        assertThatThrownBy(() -> Components.empty().register(odd))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("('odd') is not a layer, activation, loss, optimizer, initializer or data source provider");
    }

    @Test
    void registerAllAddsEachAndATakenNameFails() {
        Components c = Components.empty().registerAll(BuiltInLayers.providers());
        assertThat(c.layers().names()).contains("dense");
        assertThatThrownBy(() -> c.registerAll(List.of(BuiltInLayers.providers().get(4))))
                .hasMessageStartingWith("layer type 'dense' is provided twice: by org.neurite.engine.nn.DenseLayer$Provider");
    }
}
