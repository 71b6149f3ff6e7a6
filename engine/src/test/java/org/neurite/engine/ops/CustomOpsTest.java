package org.neurite.engine.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.neurite.api.Backend;
import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;
import org.neurite.api.Tensor;
import org.neurite.engine.CpuBackend;
import org.neurite.engine.Fixtures;
import org.neurite.engine.GradCheck;
import org.neurite.engine.tensor.CpuTensor;

class CustomOpsTest {

    private final Backend backend = CpuBackend.instance();

    /** {@code a * b} of two same-shaped tensors as a custom op on arrays. */
    private Tensor product(Tensor a, Tensor b) {
        float[] x = a.toArray();
        float[] z = b.toArray();
        float[] y = new float[x.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = x[i] * z[i];
        }
        return backend.custom("product", y, a.shape(), g -> {
            float[] dy = g.output();
            if (g.needs(0)) {
                float[] da = new float[dy.length];
                for (int i = 0; i < da.length; i++) {
                    da[i] = dy[i] * z[i];
                }
                g.add(0, da);
            }
            if (g.needs(1)) {
                g.add(1, g.outputTensor().mul(a.detach()));
            }
        }, a, b);
    }

    @Test
    void anArrayOpWithTwoInputsPassesTheGradientCheck() {
        GradCheck.create().check(in -> product(in.get(0), in.get(1)).sin(),
                GradCheck.random(1, 2, 3), GradCheck.random(2, 2, 3));
    }

    @Test
    void aTensorOpKeepsItsOwnBackwardAsAStraightThroughRounding() {
        CpuTensor x = Fixtures.tensor(Fixtures.floats(0.2, 1.7, -0.6), 3).requireGrad();
        Tensor rounded;
        try (var off = backend.noGrad()) {
            rounded = x.add(0.5f).sub(x.add(0.5f).sub(x.add(0.5f).clamp(-1f, 2f))) // any tensor ops
                    .mul(0f).add(backend.tensor(new float[] {0f, 2f, -1f}, Shape.of(3)));
        }
        Tensor y = backend.custom("round_ste", rounded, g -> g.add(0, g.outputTensor()), x);
        assertThat(y.toArray()).containsExactly(0f, 2f, -1f);
        y.mul(backend.tensor(new float[] {1f, 2f, 3f}, Shape.of(3))).sum().backward();
        assertThat(x.grad().toArray()).containsExactly(1f, 2f, 3f);
    }

    @Test
    void itIsNotRecordedWithoutGradientsNorRunForInputsThatNeedNone() {
        AtomicBoolean ran = new AtomicBoolean();
        Tensor constant = GradCheck.random(1, 2);
        assertThat(backend.custom("noop", new float[2], Shape.of(2), g -> ran.set(true), constant).requiresGrad())
                .isFalse();
        CpuTensor x = GradCheck.random(2, 2).requireGrad();
        try (var off = backend.noGrad()) {
            assertThat(backend.custom("noop", new float[2], Shape.of(2), g -> ran.set(true), x).requiresGrad())
                    .isFalse();
        }
        assertThat(ran).isFalse();
        backend.custom("partial", new float[2], Shape.of(2), g -> {
            assertThat(g.needs(0)).isFalse();
            assertThat(g.needs(1)).isTrue();
            assertThat(backend.isGradEnabled()).isFalse();
            g.add(0, new float[] {5f, 5f}); // ignored: the constant takes no gradient
            g.add(1, g.output());
        }, constant, x).sum().backward();
        assertThat(x.grad().toArray()).containsExactly(1f, 1f);
        assertThat(constant.grad()).isNull();
    }

    @Test
    void mistakesAreNamedWithTheOpAndTheShapes() {
        CpuTensor x = GradCheck.random(1, 2, 3).requireGrad();
        assertThatThrownBy(() -> backend.custom("glu", new float[5], Shape.of(2, 3), g -> { }, x))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessage("custom op glu: 5 values do not fill shape [2, 3] (6 elements)");
        Tensor wrong = backend.custom("glu", new float[3], Shape.of(3), g -> g.add(0, new float[3]), x);
        assertThatThrownBy(() -> wrong.sum().backward())
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessage("custom op glu: gradient of 3 values for input 0 of shape [2, 3]");
        Tensor wrongShape = backend.custom("glu", new float[3], Shape.of(3), g -> g.add(0, g.outputTensor()), x);
        assertThatThrownBy(() -> wrongShape.sum().backward())
                .hasMessage("custom op glu: gradient of shape [3] for input 0 of shape [2, 3]");
        assertThatThrownBy(() -> backend.custom("glu", new float[1], Shape.of(1), g -> { }, x, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("custom op glu: input 1 is null");
    }
}
