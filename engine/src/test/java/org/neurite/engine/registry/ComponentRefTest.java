package org.neurite.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.neurite.api.Options;

class ComponentRefTest {

    private final Options layer = Options.of("model.layers[0]", Map.of(
            "a", "relu", "b", Map.of("name", "leaky_relu", "slope", 0.1), "c", Map.of("slope", 1), "d", 3));

    @Test
    void readsABareNameOrANameWithOptionsAtTheKeyPath() {
        ComponentRef bare = ComponentRef.read(layer, "a");
        assertThat(bare.name()).isEqualTo("relu");
        assertThat(bare.options().path()).isEqualTo("model.layers[0].a");
        assertThat(bare.options().keys()).isEmpty();
        ComponentRef full = ComponentRef.read(layer, "b");
        assertThat(full.name()).isEqualTo("leaky_relu");
        assertThat(full.options().asMap()).isEqualTo(Map.of("slope", 0.1));
        assertThat(full.options().pathOf("slope")).isEqualTo("model.layers[0].b.slope");
        assertThat(ComponentRef.read(layer, "absent")).isNull();
    }

    @Test
    void refusesAMapWithoutANameAndOtherValues() {
        assertThatThrownBy(() -> ComponentRef.read(layer, "c"))
                .hasMessage("model.layers[0].c.name: is required but missing");
        assertThatThrownBy(() -> ComponentRef.read(layer, "d"))
                .hasMessage("model.layers[0].d: expected a name or a map with a name and options, got 3");
    }
}
