package org.neurite.plugins.transformer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.neurite.api.Layer;
import org.neurite.api.Parameter;
import org.neurite.api.Shape;

/** The encoder stack starts as PyTorch's {@code nn.TransformerEncoder}: every layer a copy of the first. */
class TransformerEncoderTest {

    @Test
    void everyLayerStartsFromTheFirstLayersValuesInItsOwnStorage() {
        Layer stack = PluginComponents.layer("transformer_encoder",
                Map.of("num_layers", 3, "heads", 2, "feedforward", 16), List.of(Shape.of(5, 8)));
        Map<String, Parameter> parameters = stack.parameters();
        assertThat(parameters).hasSize(3 * 12);
        parameters.forEach((name, p) -> {
            if (!name.startsWith("layers.0.")) {
                Parameter first = parameters.get("layers.0." + name.substring(name.indexOf('.', 7) + 1));
                assertThat(p.data()).as(name).containsExactly(first.data()).isNotSameAs(first.data());
            }
        });
        assertThat(parameters.get("layers.0.linear1.weight").data()).as("drawn, not left at zero")
                .isNotEqualTo(new float[16 * 8]);
    }
}
