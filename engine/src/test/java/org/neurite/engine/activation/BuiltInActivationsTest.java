package org.neurite.engine.activation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.neurite.engine.Close.assertClose;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.neurite.api.Activation;
import org.neurite.api.ActivationProvider;
import org.neurite.api.OptionException;
import org.neurite.api.OptionSpec;
import org.neurite.api.OptionType;
import org.neurite.api.Options;
import org.neurite.api.Shape;
import org.neurite.api.Tensor;
import org.neurite.engine.tensor.CpuTensor;

class BuiltInActivationsTest {

    private static final CpuTensor X = CpuTensor.wrap(new float[] {-2f, -0.5f, 0f, 1f, 3f, 0.25f}, Shape.of(2, 3));

    @Test
    void listsEveryActivationOnceByName() {
        assertThat(BuiltInActivations.providers()).extracting(ActivationProvider::name).containsExactlyInAnyOrder(
                "identity", "step", "sigmoid", "tanh", "relu", "leaky_relu", "elu", "gelu", "silu", "softplus",
                "softmax", "log_softmax");
        assertThat(BuiltInActivations.providers()).allSatisfy(p -> {
            assertThat(p.description()).isNotBlank();
            assertThat(create(p.name(), Map.of()).name()).isEqualTo(p.name());
        });
    }

    @Test
    void eachActivationAppliesItsOperation() {
        assertThat(apply("identity")).isEqualTo(X.toArray());
        assertThat(apply("step")).containsExactly(0, 0, 1, 1, 1, 1);
        assertThat(apply("relu")).containsExactly(0, 0, 0, 1, 3, 0.25f);
        assertThat(apply("sigmoid")).isEqualTo(X.sigmoid().toArray());
        assertThat(apply("tanh")).isEqualTo(X.tanh().toArray());
        assertThat(apply("gelu")).isEqualTo(X.gelu().toArray());
        assertThat(apply("silu")).isEqualTo(X.silu().toArray());
        assertThat(apply("softplus")).isEqualTo(X.softplus().toArray());
    }

    @Test
    void identityReturnsItsInput() {
        assertThat(create("identity", Map.of()).apply(X)).isSameAs(X);
    }

    @Test
    void optionsHaveTorchDefaults() {
        assertThat(apply("leaky_relu")).containsExactly(-0.02f, -0.005f, 0, 1, 3, 0.25f);
        assertThat(create("leaky_relu", Map.of("slope", 0.2)).apply(X).toArray())
                .containsExactly(-0.4f, -0.1f, 0, 1, 3, 0.25f);
        assertThat(create("elu", Map.of())).isEqualTo(new EluActivation(1f));
        assertThat(create("elu", Map.of("alpha", 2))).isEqualTo(new EluActivation(2f));
        assertThat(create("softmax", Map.of())).isEqualTo(new SoftmaxActivation(-1, false));
        assertThat(create("log_softmax", Map.of("axis", 0))).isEqualTo(new SoftmaxActivation(0, true));
        assertThat(option("leaky_relu", "slope")).isEqualTo(
                OptionSpec.optional("slope", OptionType.NUMBER, 0.01, "Factor applied to negative inputs."));
        assertThat(option("elu", "alpha").defaultValue()).isEqualTo(1.0);
        assertThat(option("softmax", "axis").type()).isEqualTo(OptionType.INTEGER);
        assertThat(option("log_softmax", "axis").defaultValue()).isEqualTo(-1);
    }

    @Test
    void softmaxActivationsNormaliseTheirAxis() {
        // torch 1.13: torch.softmax(X, 0) and torch.log_softmax(X, -1), float64 on the float32 X
        Tensor columns = create("softmax", Map.of("axis", 0)).apply(X);
        assertClose("softmax axis 0", columns.toArray(), 0.04742587317756679, 0.029312230751356316,
                0.4378234991142019, 0.9525741268224334, 0.9706877692486436, 0.5621765008857981);
        Tensor rows = create("log_softmax", Map.of()).apply(X);
        assertClose("log_softmax last axis", rows.toArray(), -2.554956919641991, -1.0549569196419906,
                -0.5549569196419906, -2.1817073218930827, -0.1817073218930825, -2.9317073218930827);
    }

    @Test
    void unknownOptionsAreRejectedWithTheClosestName() {
        assertThatThrownBy(() -> create("leaky_relu", Map.of("slop", 0.2)))
                .isInstanceOf(OptionException.class)
                .hasMessage("model.layers[1].activation.slop: unknown option (did you mean 'slope'?); known options: slope");
        assertThatThrownBy(() -> create("relu", Map.of("slope", 0.2)))
                .isInstanceOf(OptionException.class)
                .hasMessage("model.layers[1].activation.slope: unknown option; known options: none");
        assertThatThrownBy(() -> create("softmax", Map.of("dim", 1)))
                .hasMessage("model.layers[1].activation.dim: unknown option; known options: axis");
    }

    @Test
    void badOptionValuesNameTheKeyPath() {
        assertThatThrownBy(() -> create("leaky_relu", Map.of("slope", "steep")))
                .isInstanceOf(OptionException.class)
                .hasMessage("model.layers[1].activation.slope: expected a number, got \"steep\"");
        assertThatThrownBy(() -> create("leaky_relu", Map.of("slope", Double.NaN)))
                .hasMessage("model.layers[1].activation.slope: expected a finite number, got NaN");
        assertThatThrownBy(() -> create("elu", Map.of("alpha", 1e39)))
                .hasMessage("model.layers[1].activation.alpha: expected a finite number, got 1.0E39");
        assertThatThrownBy(() -> create("softmax", Map.of("axis", 1.5)))
                .hasMessage("model.layers[1].activation.axis: expected a whole number, got 1.5");
    }

    private static Activation create(String name, Map<String, ?> options) {
        ActivationProvider provider = BuiltInActivations.providers().stream()
                .filter(p -> p.name().equals(name)).findFirst().orElseThrow();
        return provider.create(Options.of("model.layers[1].activation", options));
    }

    private static float[] apply(String name) {
        return create(name, Map.of()).apply(X).toArray();
    }

    private static OptionSpec option(String provider, String key) {
        return BuiltInActivations.providers().stream().filter(p -> p.name().equals(provider)).findFirst()
                .orElseThrow().options().stream().filter(o -> o.name().equals(key)).findFirst().orElseThrow();
    }
}
