package org.neurite.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class OptionsTest {

    private final Options layer = Options.of("model.layers[2]",
            Map.of("units", 128, "rate", 0.5, "kernel", List.of(3, 5), "name", "relu", "bias", true));

    @Test
    void readsTypedValues() {
        assertThat(layer.getInt("units")).isEqualTo(128);
        assertThat(layer.getDouble("rate")).isEqualTo(0.5);
        assertThat(layer.getDouble("units")).isEqualTo(128.0);
        assertThat(layer.getString("name")).isEqualTo("relu");
        assertThat(layer.getBoolean("bias", false)).isTrue();
        assertThat(layer.getInts("kernel", 2, 1)).containsExactly(3, 5);
        assertThat(layer.getInts("units", 2, 1)).containsExactly(128, 128);
        assertThat(layer.getInts("stride", 2, 1)).containsExactly(1, 1);
        assertThat(layer.getInt("missing", 7)).isEqualTo(7);
    }

    @Test
    void errorsNameTheFullKeyPath() {
        assertThatThrownBy(() -> layer.getInt("rate"))
                .isInstanceOf(OptionException.class)
                .hasMessage("model.layers[2].rate: expected a whole number, got 0.5");
        assertThatThrownBy(() -> layer.getInt("filters"))
                .hasMessage("model.layers[2].filters: is required but missing");
        assertThatThrownBy(() -> layer.getDouble("name"))
                .hasMessage("model.layers[2].name: expected a number, got \"relu\"");
        assertThatThrownBy(() -> layer.getInts("kernel", 3, 1))
                .hasMessageContaining("model.layers[2].kernel: expected 3 whole numbers, got 2");
    }

    @Test
    void nestedOptionsContinueThePath() {
        Options model = Options.of("model", Map.of("layers", List.of(Map.of("type", "dense"), Map.of("units", "x"))));
        List<Options> layers = model.getOptionsList("layers");
        assertThat(layers.get(1).path()).isEqualTo("model.layers[1]");
        assertThatThrownBy(() -> layers.get(1).getInt("units"))
                .hasMessage("model.layers[1].units: expected a whole number, got \"x\"");
    }

    @Test
    void unknownKeysAreRejectedWithTheClosestName() {
        List<OptionSpec> specs = List.of(
                OptionSpec.required("units", OptionType.INTEGER, "number of outputs"),
                OptionSpec.optional("use_bias", OptionType.BOOLEAN, true, "whether to add a bias"));
        Options typo = Options.of("model.layers[0]", Map.of("unit", 3));
        assertThatThrownBy(() -> typo.rejectUnknown(specs))
                .isInstanceOf(OptionException.class)
                .hasMessageStartingWith("model.layers[0].unit: unknown option (did you mean 'units'?)");
    }

    @Test
    void closestNameIgnoresFarOffNames() {
        assertThat(Names.closest("dnese", List.of("dense", "dropout"))).isEqualTo("dense");
        assertThat(Names.closest("transformer", List.of("dense", "dropout"))).isNull();
    }
}
