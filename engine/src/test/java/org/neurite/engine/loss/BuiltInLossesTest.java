package org.neurite.engine.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.neurite.api.Loss;
import org.neurite.api.LossProvider;
import org.neurite.api.OptionException;
import org.neurite.api.OptionType;
import org.neurite.api.Options;

class BuiltInLossesTest {

    @Test
    void listsEveryLossOnceByName() {
        assertThat(BuiltInLosses.providers()).extracting(LossProvider::name).containsExactlyInAnyOrder(
                "mse", "mae", "huber", "binary_cross_entropy", "binary_cross_entropy_with_logits", "cross_entropy",
                "nll", "hinge");
        assertThat(BuiltInLosses.providers()).allSatisfy(p -> {
            assertThat(p.description()).isNotBlank();
            assertThat(create(p.name(), Map.of()).name()).isEqualTo(p.name());
        });
    }

    @Test
    void optionsHaveTorchDefaults() {
        assertThat(((HuberLoss) create("huber", Map.of())).delta()).isEqualTo(1f);
        assertThat(((HuberLoss) create("huber", Map.of("delta", 0.5))).delta()).isEqualTo(0.5f);
        assertThat(((SoftmaxCrossEntropy) create("cross_entropy", Map.of())).labelSmoothing()).isZero();
        assertThat(((SoftmaxCrossEntropy) create("cross_entropy", Map.of("label_smoothing", 0.1))).labelSmoothing())
                .isEqualTo(0.1f);
        LossProvider huber = provider("huber");
        assertThat(huber.options()).singleElement().satisfies(o -> {
            assertThat(o.name()).isEqualTo("delta");
            assertThat(o.type()).isEqualTo(OptionType.NUMBER);
            assertThat(o.defaultValue()).isEqualTo(1.0);
        });
        assertThat(provider("cross_entropy").options()).singleElement()
                .satisfies(o -> assertThat(o.name()).isEqualTo("label_smoothing"));
        assertThat(provider("mse").options()).isEmpty();
    }

    @Test
    void unknownOptionsAreRejectedWithTheClosestName() {
        assertThatThrownBy(() -> create("cross_entropy", Map.of("label_smothing", 0.1)))
                .isInstanceOf(OptionException.class)
                .hasMessage("training.loss.label_smothing: unknown option (did you mean 'label_smoothing'?);"
                        + " known options: label_smoothing");
        assertThatThrownBy(() -> create("mse", Map.of("reduction", "sum")))
                .isInstanceOf(OptionException.class)
                .hasMessage("training.loss.reduction: unknown option; known options: none");
    }

    @Test
    void outOfRangeOptionsNameTheKeyPath() {
        assertThatThrownBy(() -> create("huber", Map.of("delta", 0)))
                .isInstanceOf(OptionException.class)
                .hasMessage("training.loss.delta: expected a number > 0, got 0");
        assertThatThrownBy(() -> create("huber", Map.of("delta", "big")))
                .hasMessage("training.loss.delta: expected a number, got \"big\"");
        assertThatThrownBy(() -> create("cross_entropy", Map.of("label_smoothing", 1.5)))
                .isInstanceOf(OptionException.class)
                .hasMessage("training.loss.label_smoothing: expected a number in [0, 1], got 1.5");
        assertThatThrownBy(() -> create("cross_entropy", Map.of("label_smoothing", -0.1)))
                .hasMessage("training.loss.label_smoothing: expected a number in [0, 1], got -0.1");
    }

    private static LossProvider provider(String name) {
        return BuiltInLosses.providers().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    private static Loss create(String name, Map<String, ?> options) {
        return provider(name).create(Options.of("training.loss", options));
    }
}
