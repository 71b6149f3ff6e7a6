package org.neurite.engine.init;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.neurite.api.Initializer;
import org.neurite.api.InitializerProvider;
import org.neurite.api.OptionException;
import org.neurite.api.OptionSpec;
import org.neurite.api.Options;
import org.neurite.api.Shape;

class InitializerProvidersTest {

    private static final Shape SHAPE = Shape.of(16, 24);

    @Test
    void listsEveryInitializerOnce() {
        assertThat(BuiltInInitializers.providers()).extracting(InitializerProvider::name).containsExactly(
                "zeros", "ones", "constant", "uniform", "normal", "xavier_uniform", "xavier_normal",
                "kaiming_uniform", "kaiming_normal", "he_uniform", "he_normal", "orthogonal");
    }

    @Test
    void documentsEveryOption() {
        for (InitializerProvider provider : BuiltInInitializers.providers()) {
            assertThat(provider.description()).as(provider.name()).isNotBlank();
            for (OptionSpec spec : provider.options()) {
                assertThat(spec.description()).as(provider.name() + "." + spec.name()).isNotBlank();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"uniform", "normal", "xavier_uniform", "xavier_normal", "kaiming_uniform", "kaiming_normal",
        "he_uniform", "he_normal", "orthogonal"})
    void sameSeedGivesTheSameBitsAndAnotherSeedOthers(String name) {
        Initializer initializer = InitializersTest.create(name, Map.of());

        float[] first = InitializersTest.draw(initializer, SHAPE, 42);
        float[] again = InitializersTest.draw(InitializersTest.create(name, Map.of()), SHAPE, 42);
        float[] other = InitializersTest.draw(initializer, SHAPE, 43);

        assertThat(initializer.name()).isEqualTo(name);
        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
        assertThat(first).doesNotContain(Float.NaN);
    }

    @Test
    void rejectsUnknownOptions() {
        assertThatThrownBy(() -> create("xavier_normal", Map.of("gian", 2)))
                .isInstanceOf(OptionException.class)
                .hasMessageStartingWith("model.layers[0].weight_init.gian: unknown option (did you mean 'gain'?)");
    }

    @Test
    void rejectsUnknownChoicesNamingTheKeyPath() {
        assertThatThrownBy(() -> create("kaiming_uniform", Map.of("mode", "fanin")))
                .isInstanceOf(OptionException.class)
                .hasMessage("model.layers[0].weight_init.mode: unknown value \"fanin\" (did you mean 'fan_in'?);"
                        + " expected one of fan_in, fan_out");
        assertThatThrownBy(() -> create("he_normal", Map.of("nonlinearity", "gelu")))
                .hasMessage("model.layers[0].weight_init.nonlinearity: unknown value \"gelu\" (did you mean 'relu'?);"
                        + " expected one of linear, sigmoid, tanh, relu, leaky_relu");
        assertThatThrownBy(() -> create("uniform", Map.of("scale", "fan_out")))
                .hasMessageStartingWith("model.layers[0].weight_init.scale: unknown value \"fan_out\"");
    }

    @Test
    void rejectsValuesOutOfRangeNamingTheKeyPath() {
        assertThatThrownBy(() -> create("normal", Map.of("std", -1)))
                .isInstanceOf(OptionException.class)
                .hasMessage("model.layers[0].weight_init.std: must be a finite number >= 0, got -1.0");
        assertThatThrownBy(() -> create("xavier_uniform", Map.of("gain", 0)))
                .hasMessage("model.layers[0].weight_init.gain: must be a finite number > 0, got 0.0");
        assertThatThrownBy(() -> create("uniform", Map.of("low", 1, "high", 0)))
                .hasMessage("model.layers[0].weight_init.high: must not be below low (1.0), got 0.0");
        assertThatThrownBy(() -> create("uniform", Map.of("scale", "fan_in", "fan_in", 0)))
                .hasMessage("model.layers[0].weight_init.fan_in: must be a whole number >= 1, got 0");
        assertThatThrownBy(() -> create("constant", Map.of()))
                .hasMessage("model.layers[0].weight_init.value: is required but missing");
    }

    @Test
    void rejectsUniformOptionsThatDoNotGoTogether() {
        assertThatThrownBy(() -> create("uniform", Map.of("scale", "fan_in", "high", 0.1)))
                .isInstanceOf(OptionException.class)
                .hasMessage("model.layers[0].weight_init.high: cannot be combined with scale: fan_in, which sets the"
                        + " bounds to ±1/sqrt(fan_in)");
        assertThatThrownBy(() -> create("uniform", Map.of("fan_in", 10)))
                .hasMessage("model.layers[0].weight_init.fan_in: applies only with scale: fan_in");
    }

    private static Initializer create(String name, Map<String, Object> options) {
        InitializerProvider provider = BuiltInInitializers.providers().stream()
                .filter(p -> p.name().equals(name)).findFirst().orElseThrow();
        return provider.create(Options.of("model.layers[0].weight_init", options));
    }
}
