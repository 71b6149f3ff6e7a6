package org.neurite.engine.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.neurite.api.Parameter;
import org.neurite.api.Shape;

/**
 * Reference values from torch 1.13:
 * <pre>
 * w = torch.zeros(2, 3, requires_grad=True); b = torch.zeros(3, requires_grad=True)
 * w.grad = torch.tensor([[0.5, -1.2, 0.8], [1.5, -0.3, 2.0]]); b.grad = torch.tensor([0.3, -0.7, 1.1])
 * n = torch.nn.utils.clip_grad_norm_([w, b], max_norm=1.0)     # 3.234192371368408, grads as below
 * n = torch.nn.utils.clip_grad_norm_([w, b], max_norm=5.0)     # 0.9999997019767761, grads unchanged
 * </pre>
 */
class GradientClippingTest {

    private static final float[] CLIPPED = {0.154598057f, -0.371035337f, 0.247356892f, 0.463794172f, -0.0927588344f,
        0.618392229f, 0.0927588344f, -0.21643728f, 0.340115726f};

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
        double norm = GradientClipping.clipByGlobalNorm(parameters, 1.0);

        assertThat(norm).isCloseTo(3.234192371368408, within(1e-6));
        assertGradients(CLIPPED);
    }

    @Test
    void leavesGradientsBelowTheLimitAlone() {
        GradientClipping.clipByGlobalNorm(parameters, 1.0);

        double norm = GradientClipping.clipByGlobalNorm(parameters, 5.0);

        assertThat(norm).isCloseTo(0.9999997019767761, within(1e-6));
        assertGradients(CLIPPED);
    }

    @Test
    void ignoresFrozenParametersAndMissingGradients() {
        Parameter frozen = QuadraticProblem.parameter(new float[1], Shape.of(1), false);
        QuadraticProblem.setGradient(frozen, new float[] {100f});
        parameters.put("frozen", frozen);
        parameters.put("idle", QuadraticProblem.parameter(new float[2], Shape.of(2), true));

        double norm = GradientClipping.clipByGlobalNorm(parameters, 1.0);

        assertThat(norm).isCloseTo(3.234192371368408, within(1e-6));
        assertThat(frozen.gradient()).containsExactly(100f);
    }

    @Test
    void rejectsANonPositiveLimit() {
        assertThatThrownBy(() -> GradientClipping.clipByGlobalNorm(parameters, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gradient clipping: max norm must be a finite number > 0, got 0.0");
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
