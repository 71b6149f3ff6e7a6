package org.neurite.plugins.perceptron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.neurite.plugins.perceptron.PluginComponents.model;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.neurite.api.ComponentProvider;
import org.neurite.api.LayerProvider;
import org.neurite.api.LossProvider;
import org.neurite.api.OptimizerProvider;
import org.neurite.api.OptionException;
import org.neurite.api.OptionSpec;
import org.neurite.api.Options;
import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;
import org.neurite.engine.registry.EngineLayerContext;

/** What every provider of the plugin owes its users: a name, a description, documented options, unknown keys refused. */
class ProvidersTest {

    static List<ComponentProvider> providers() {
        return PluginComponents.providers();
    }

    @ParameterizedTest
    @MethodSource("providers")
    void documentsItselfAndEveryOption(ComponentProvider provider) {
        assertThat(provider.name()).matches("[a-z][a-z0-9_]*");
        assertThat(provider.description()).isNotBlank();
        for (OptionSpec option : provider.options()) {
            assertThat(option.name()).matches("[a-z][a-z0-9_]*");
            assertThat(option.description()).as(provider.name() + "." + option.name()).isNotBlank();
        }
    }

    @ParameterizedTest
    @MethodSource("providers")
    void refusesAnUnknownKeyBeforeAnythingElseNamingItsPath(ComponentProvider provider) {
        Options options = Options.of("here", Map.of("no_such_option", 1));

        assertThatThrownBy(() -> create(provider, options))
                .isInstanceOf(OptionException.class)
                .hasMessageStartingWith("here.no_such_option: unknown option; known options: ");
    }

    private static Object create(ComponentProvider provider, Options options) {
        if (provider instanceof LayerProvider layers) {
            return layers.create(options, Shape.of(2),
                    EngineLayerContext.seeded(PluginComponents.components(), 0, options.path()));
        }
        if (provider instanceof LossProvider losses) {
            return losses.create(options);
        }
        return ((OptimizerProvider) provider).create(options);
    }

    @Test
    void perceptronLayerOptionErrorsNameTheKeyPath() {
        assertThatThrownBy(() -> model(List.of(2), List.of(Map.of("type", "perceptron", "units", 0))))
                .isInstanceOf(OptionException.class)
                .hasMessage("model.layers[0].units: must be a positive whole number, got 0");
        assertThatThrownBy(() -> model(List.of(2), List.of(Map.of("type", "perceptron", "weight_init", "zero"))))
                .isInstanceOf(OptionException.class)
                .hasMessageStartingWith("model.layers[0].weight_init: unknown initializer 'zero' (did you mean 'zeros'?)");
        assertThatThrownBy(() -> model(List.of(2), List.of(Map.of("type", "perceptron", "use_bias", "yes"))))
                .isInstanceOf(OptionException.class)
                .hasMessage("model.layers[0].use_bias: expected true or false, got \"yes\"");
    }

    @Test
    void thePerceptronTakesVectorsOfFeatures() {
        assertThatThrownBy(() -> model(List.of(2, 2), List.of(Map.of("type", "perceptron"))))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessageContaining("model.layers[0] (perceptron)")
                .hasMessageContaining("[2, 2]")
                .hasMessageContaining("flatten");
    }

    @Test
    void aConfiguredInitializerFillsThePerceptronsWeights() {
        var net = model(List.of(3), List.of(Map.of("type", "perceptron", "units", 2,
                "weight_init", Map.of("name", "constant", "value", 0.5), "bias_init", "ones")));

        assertThat(net.parameters().get("0.weight").data()).containsExactly(0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f);
        assertThat(net.parameters().get("0.bias").data()).containsExactly(1, 1);
    }
}
