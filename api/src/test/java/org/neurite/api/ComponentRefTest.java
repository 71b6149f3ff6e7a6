package org.neurite.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ComponentRefTest {

    @Test
    void aBareNameOrAMapNamesTheComponentAndItsOptionsKeepTheKeysPath() {
        Options layer = Options.of("model.layers[0]", Map.of("activation", "relu",
                "weight_init", Map.of("name", "constant", "value", 0.5)));
        assertThat(ComponentRef.read(layer, "activation").name()).isEqualTo("relu");
        ComponentRef init = ComponentRef.read(layer, "weight_init");
        assertThat(init.name()).isEqualTo("constant");
        assertThat(init.options().asMap()).isEqualTo(Map.of("value", 0.5));
        assertThat(init.options().path()).isEqualTo("model.layers[0].weight_init");
    }

    @Test
    void anAbsentKeyIsNoReferenceOrTheFallbackWithNoOptions() {
        Options layer = Options.of("model.layers[1]", Map.of("units", 3));
        assertThat(ComponentRef.read(layer, "bias_init")).isNull();
        ComponentRef fallback = ComponentRef.read(layer, "bias_init", "zeros");
        assertThat(fallback.name()).isEqualTo("zeros");
        assertThat(fallback.options().asMap()).isEmpty();
        assertThat(fallback.options().path()).isEqualTo("model.layers[1].bias_init");
    }

    @Test
    void aWrittenValueWinsOverTheFallback() {
        Options layer = Options.of("model.layers[1]", Map.of("bias_init", "ones"));
        assertThat(ComponentRef.read(layer, "bias_init", "zeros").name()).isEqualTo("ones");
    }

    @Test
    void aNullValueIsNoReferenceWithoutAFallbackAndAnErrorWithOne() {
        Map<String, Object> values = new HashMap<>();
        values.put("weight_init", null);
        Options layer = Options.of("model.layers[2]", values);
        assertThat(ComponentRef.read(layer, "weight_init")).isNull();
        assertThatThrownBy(() -> ComponentRef.read(layer, "weight_init", "zeros"))
                .isInstanceOf(OptionException.class)
                .hasMessage("model.layers[2].weight_init: expected a name or a map with a name and options, got null");
    }

    @Test
    void aMapWithoutANameIsAnErrorAtItsNameKey() {
        Options layer = Options.of("model.layers[3]", Map.of("weight_init", Map.of("value", 1)));
        assertThatThrownBy(() -> ComponentRef.read(layer, "weight_init", "zeros"))
                .hasMessage("model.layers[3].weight_init.name: is required but missing");
    }
}
