package org.neurite.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.neurite.api.Activation;
import org.neurite.api.ActivationProvider;
import org.neurite.api.Layer;
import org.neurite.api.OptionException;
import org.neurite.api.Options;
import org.neurite.api.Shape;
import org.neurite.engine.CpuBackend;

class EngineLayerContextTest {

    private final EngineLayerContext context = EngineLayerContext.seeded(Components.builtIns(), 3, "model.layers[1]");

    @Test
    void createsRegisteredLayersAtTheirOwnPath() {
        Layer dense = context.layer("dense", Options.of("model.layers[1].block", Map.of("units", 2)), Shape.of(3));
        assertThat(dense.outputShape(Shape.of(3))).isEqualTo(Shape.of(2));
        assertThatThrownBy(() -> context.layer("dense", Options.of("model.layers[1].block", Map.of("units", -1)),
                Shape.of(3)))
                .isInstanceOf(OptionException.class)
                .hasMessage("model.layers[1].block.units: must be a positive whole number, got -1");
        assertThatThrownBy(() -> context.layer("dens", Options.of(Map.of("units", 1)), Shape.of(3)))
                .hasMessageStartingWith("model.layers[1].type: unknown layer type 'dens' (did you mean 'dense'?)");
    }

    @Test
    void optionsWithoutAPathArePlacedAtTheLayerBeingBuilt() {
        assertThatThrownBy(() -> context.layer("dense", Options.of(Map.of("units", 0)), Shape.of(3)))
                .hasMessage("model.layers[1].units: must be a positive whole number, got 0");
        assertThatThrownBy(() -> context.activation("nope", Options.empty()))
                .hasMessageStartingWith("model.layers[1]: unknown activation 'nope'");
        assertThatThrownBy(() -> context.initializer("nope", Options.of("model.layers[1].weight_init", Map.of())))
                .hasMessageStartingWith("model.layers[1].weight_init: unknown initializer 'nope'");
    }

    @Test
    void looksActivationsUpInItsComponents() {
        ActivationProvider provider = mock(ActivationProvider.class);
        Activation activation = mock(Activation.class);
        when(provider.name()).thenReturn("mine");
        when(provider.create(any())).thenReturn(activation);
        EngineLayerContext c = new EngineLayerContext(Components.empty().register(provider), CpuBackend.instance(),
                new java.util.SplittableRandom(0), "m");
        assertThat(c.activation("mine", Options.empty())).isSameAs(activation);
        assertThat(c.path()).isEqualTo("m");
        assertThat(c.at("m.layers[0]").path()).isEqualTo("m.layers[0]");
        assertThat(c.at("m.layers[0]").random()).isSameAs(c.random());
        assertThat(c.backend()).isSameAs(CpuBackend.instance());
    }

    @Test
    void sameSeedGivesTheSameDraws() {
        List<Long> a = List.of(EngineLayerContext.seeded(Components.empty(), 5, "").random().nextLong());
        List<Long> b = List.of(EngineLayerContext.seeded(Components.empty(), 5, "").random().nextLong());
        assertThat(a).isEqualTo(b);
    }
}
