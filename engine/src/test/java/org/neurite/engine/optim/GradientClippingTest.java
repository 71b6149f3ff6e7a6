package org.neurite.engine.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.neurite.api.OptionException;
import org.neurite.api.Options;
import org.neurite.api.Parameter;
import org.neurite.api.Shape;
import org.neurite.engine.optim.clip.GlobalNormClipper;
import org.neurite.engine.optim.clip.ValueClipper;
import org.neurite.engine.registry.Components;

/**
 * Gradient clipping by global norm and by value. Reference values from torch 1.13:
 * <pre>
 * w = torch.zeros(2, 3, requires_grad=True); b = torch.zeros(3, requires_grad=True)
 * w.grad = torch.tensor([[0.5, -1.2, 0.8], [1.5, -0.3, 2.0]]); b.grad = torch.tensor([0.3, -0.7, 1.1])
 * n = torch.nn.utils.clip_grad_norm_([w, b], max_norm=1.0)     # 3.234192371368408, grads as below
 * n = torch.nn.utils.clip_grad_norm_([w, b], max_norm=5.0)     # 0.9999997019767761, grads unchanged
 * torch.nn.utils.clip_grad_value_([w, b], clip_value=1.0)      # on the first gradients: VALUE_CLIPPED
 * </pre>
 */
class GradientClippingTest {

    private static final float[] CLIPPED = {0.154598057f, -0.371035337f, 0.247356892f, 0.463794172f, -0.0927588344f,
        0.618392229f, 0.0927588344f, -0.21643728f, 0.340115726f};

    private static final float[] VALUE_CLIPPED = {0.5f, -1f, 0.8f, 1f, -0.3f, 1f, 0.3f, -0.7f, 1f};

    private final Parameter weight = QuadraticProblem.parameter(new float[6], Shape.of(2, 3), true);
    private final Parameter bias = QuadraticProblem.parameter(new float[3], Shape.of(3), true);
    private final Map<String, Parameter> parameters = new LinkedHashMap<>();

    GradientClippingTest() {
        QuadraticProblem.setGradient(weight, new float[] {0.5f, -1.2f, 0.8f, 1.5f, -0.3f, 2.0f});
        QuadraticProblem.setGradient(bias, new float[] {0.3f, -0.7f, 1.1f});
        parameters.put("0.weight", weight);
        parameters.put("0.bias", bias);
    }

    @Test
    void scalesAllGradientsTogetherAsPyTorch() {
        double norm = new GlobalNormClipper(1.0).clip(parameters);

        assertThat(norm).isCloseTo(3.234192371368408, within(1e-6));
        assertGradients(CLIPPED);
    }

    @Test
    void leavesGradientsBelowTheLimitAlone() {
        new GlobalNormClipper(1.0).clip(parameters);

        double norm = new GlobalNormClipper(5.0).clip(parameters);

        assertThat(norm).isCloseTo(0.9999997019767761, within(1e-6));
        assertGradients(CLIPPED);
    }

    @Test
    void ignoresFrozenParametersAndMissingGradients() {
        Parameter frozen = QuadraticProblem.parameter(new float[1], Shape.of(1), false);
        QuadraticProblem.setGradient(frozen, new float[] {100f});
        parameters.put("frozen", frozen);
        parameters.put("idle", QuadraticProblem.parameter(new float[2], Shape.of(2), true));

        double norm = new GlobalNormClipper(1.0).clip(parameters);

        assertThat(norm).isCloseTo(3.234192371368408, within(1e-6));
        assertThat(frozen.gradient()).containsExactly(100f);
    }

    @Test
    void clipsEachElementByValueAsPyTorch() {
        double largest = new ValueClipper(1.0).clip(parameters);

        assertThat(largest).isCloseTo(2.0, within(1e-6));
        assertGradients(VALUE_CLIPPED);
    }

    @Test
    void rejectsANonPositiveLimit() {
        assertThatThrownBy(() -> new GlobalNormClipper(0))
                .isInstanceOf(OptionException.class)
                .hasMessage("max_norm: must be a finite number > 0, got 0.0");
        assertThatThrownBy(() -> new ValueClipper(Double.NaN))
                .hasMessage("clip_value: must be a finite number > 0, got NaN");
    }

    @Test
    void isChosenByTypeFromAConfigSection() {
        Components components = Components.builtIns();
        assertThat(components.clipper(Options.of("optimizer.clip", Map.of("type", "value", "clip_value", 0.5))))
                .isEqualTo(new ValueClipper(0.5));
        assertThat(components.clipper(Options.of("optimizer.clip", Map.of("type", "norm", "max_norm", 2))))
                .isEqualTo(new GlobalNormClipper(2));
        assertThatThrownBy(() -> components.clipper(Options.of("optimizer.clip", Map.of("max_norm", 2))))
                .isInstanceOf(OptionException.class)
                .hasMessage("optimizer.clip.type: is required but missing");
        assertThatThrownBy(() -> components.clipper(Options.of("optimizer.clip", Map.of("type", "nrm"))))
                .hasMessage("optimizer.clip.type: unknown gradient clipping method 'nrm' (did you mean 'norm'?);"
                        + " known: norm, value");
        assertThatThrownBy(() -> components.clipper(Options.of("optimizer.clip", Map.of("type", "value",
                "clip_value", -1))))
                .hasMessage("optimizer.clip.clip_value: must be a finite number > 0, got -1.0");
    }

    private void assertGradients(float[] expected) {
        float[] actual = new float[9];
        System.arraycopy(weight.gradient(), 0, actual, 0, 6);
        System.arraycopy(bias.gradient(), 0, actual, 6, 3);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("gradient %d", i).isCloseTo(expected[i], within(1e-6f * Math.abs(expected[i])));
        }
    }
}
