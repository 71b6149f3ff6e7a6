package org.neurite.engine.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.neurite.engine.Fixtures.floats;
import static org.neurite.engine.Fixtures.shifted;
import static org.neurite.engine.Fixtures.tensor;

import org.junit.jupiter.api.Test;
import org.neurite.engine.GradCheck;
import org.neurite.engine.tensor.CpuTensor;

class ElementwiseMathTest {

    /** Values at least 0.1 away from 0 and from the clamp limits used below, of both signs. */
    private static CpuTensor awayFromKinks() {
        return tensor(floats(-1.7, -0.9, -0.3, 0.2, 0.6, 1.3, -0.6, 0.9, 1.8, -1.2, 0.35, -0.15), 3, 4);
    }

    @Test
    void valuesByHand() {
        CpuTensor x = tensor(floats(1, 4, 0.25), 3);
        assertThat(Elementwise.exp(x).data()).containsExactly((float) Math.E, (float) Math.exp(4), (float) Math.exp(0.25));
        assertThat(Elementwise.log(x).data()).containsExactly(0f, (float) Math.log(4), (float) Math.log(0.25));
        assertThat(Elementwise.sqrt(x).data()).containsExactly(1f, 2f, 0.5f);
        assertThat(Elementwise.pow(x, 3).data()).containsExactly(1f, 64f, 0.015625f);
        assertThat(Elementwise.pow(x, 2).data()).containsExactly(1f, 16f, 0.0625f);
        assertThat(Elementwise.pow(x, -0.5f).data()).containsExactly(1f, 0.5f, 2f);
        CpuTensor y = tensor(floats(-2, 0, 3), 3);
        assertThat(Elementwise.abs(y).data()).containsExactly(2, 0, 3);
        assertThat(Elementwise.clamp(y, -1, 1).data()).containsExactly(-1, 0, 1);
    }

    @Test
    void gradientsByHandAtTheKinks() {
        // torch 1.13: abs'(0) = 0; clamp passes the gradient at the limits themselves
        CpuTensor y = tensor(floats(-2, 0, 3), 3).requireGrad();
        Elementwise.abs(y).sum().backward();
        assertThat(y.gradArray()).containsExactly(-1, 0, 1);
        CpuTensor z = tensor(floats(-2, -1, 0.5, 1, 3), 5).requireGrad();
        Elementwise.clamp(z, -1, 1).sum().backward();
        assertThat(z.gradArray()).containsExactly(0, 1, 1, 1, 0);
        CpuTensor w = tensor(floats(0, 2), 2).requireGrad();
        Elementwise.pow(w, 0).sum().backward();
        assertThat(w.gradArray()).containsExactly(0, 0);
    }

    @Test
    void expLogSqrtGradients() {
        GradCheck.create().check(x -> x.get(0).exp(), GradCheck.random(1, 3, 4));
        GradCheck.create().check(x -> x.get(0).log(), shifted(2, 0.5f, 3, 4));
        GradCheck.create().check(x -> x.get(0).sqrt(), shifted(3, 0.5f, 3, 4));
    }

    @Test
    void powGradients() {
        for (float e : new float[] {2f, 3f, -1f, 0.5f, 1.7f}) {
            GradCheck.create().check(x -> x.get(0).pow(e), shifted(4, 0.5f, 3, 4));
        }
        GradCheck.create().check(x -> x.get(0).pow(3f), GradCheck.random(5, 3, 4));
    }

    @Test
    void absAndClampGradients() {
        GradCheck.create().check(x -> x.get(0).abs(), awayFromKinks());
        GradCheck.create().check(x -> x.get(0).clamp(-1f, 1f), awayFromKinks());
        GradCheck.create().check(x -> x.get(0).clamp(-0.5f, 0.5f).mul(x.get(0)), awayFromKinks());
    }

    @Test
    void expSaturatesAsFloat32Does() {
        // torch 1.13 (float32): exp(100) = inf, exp(-110) = 0
        CpuTensor e = Elementwise.exp(tensor(floats(100, -110), 2));
        assertThat(e.data()).containsExactly(Float.POSITIVE_INFINITY, 0f);
    }

    @Test
    void clampWithCrossedLimitsIsRejected() {
        assertThatThrownBy(() -> Elementwise.clamp(tensor(floats(1), 1), 2, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("clamp: min 2.0 is greater than max 1.0 (tensor of shape [1])");
    }
}
