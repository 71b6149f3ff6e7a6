package org.neurite.engine.autograd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.neurite.api.Backend;
import org.neurite.api.Mode;
import org.neurite.api.Options;
import org.neurite.api.Parameter;
import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;
import org.neurite.api.Tensor;
import org.neurite.engine.CpuBackend;
import org.neurite.engine.nn.Sequential;
import org.neurite.engine.registry.Components;

/** Gradients through the api alone: inputs that require one, and a parameter's gradient read and set. */
class GradientAccessTest {

    private final Backend backend = CpuBackend.instance();

    @Test
    void anInputMarkedThroughTheApiReceivesItsGradient() {
        Tensor x = backend.tensor(new float[] {1, -2, 3}, Shape.of(3)).requireGrad();

        x.mul(x).sum().backward();

        assertThat(x.requiresGrad()).isTrue();
        assertThat(x.grad().toArray()).containsExactly(2, -4, 6);
        x.zeroGrad();
        assertThat(x.grad()).isNull();
        assertThatThrownBy(() -> x.mul(2f).requireGrad())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("only leaf tensors can be marked as requiring a gradient");
    }

    /** The fast gradient sign method: a step along the sign of d(loss)/d(input) raises the loss. */
    @Test
    void anAdversarialStepAlongTheInputGradientRaisesTheLoss() {
        Sequential model = Sequential.builder(Shape.of(4)).seed(1).add("dense", Map.of("units", 3)).build();
        var loss = Components.builtIns().loss("cross_entropy", Options.empty());
        Tensor label = backend.tensor(new float[] {2}, Shape.of(1));
        Tensor x = backend.tensor(new float[] {0.5f, -0.25f, 1, 0}, Shape.of(1, 4)).requireGrad();

        Tensor before = loss.compute(model.forward(x, Mode.INFERENCE), label);
        before.backward();
        float[] g = x.grad().toArray();
        float[] moved = x.toArray();
        for (int i = 0; i < moved.length; i++) {
            moved[i] += 0.1f * Math.signum(g[i]);
        }
        Tensor after = loss.compute(model.forward(backend.tensor(moved, Shape.of(1, 4)), Mode.INFERENCE), label);

        assertThat(after.item()).isGreaterThan(before.item());
    }

    @Test
    void aParameterGradientIsReadAndSetAndTheOptimizerUsesIt() {
        Sequential model = Sequential.builder(Shape.of(2)).seed(0).add("dense", Map.of("units", 1)).build();
        Parameter w = model.parameters().get("0.weight");
        float[] start = w.data().clone();
        var sgd = Components.builtIns().optimizer("sgd", Options.of(Map.of("lr", 0.5)));

        assertThat(w.grad()).isNull();
        w.setGradient(backend.tensor(new float[] {1, -2}, Shape.of(1, 2)));
        Tensor read = w.grad();
        sgd.step(Map.of("0.weight", w));

        assertThat(read.toArray()).containsExactly(1, -2);
        assertThat(w.data()).containsExactly(new float[] {start[0] - 0.5f, start[1] + 1}, within(1e-6f));
        w.setGradient(null);
        assertThat(w.grad()).isNull();
        assertThatThrownBy(() -> w.setGradient(backend.tensor(new float[] {1, 2}, Shape.of(2))))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessage("parameter [1, 2]: a gradient of shape [2] does not fit");
    }
}
