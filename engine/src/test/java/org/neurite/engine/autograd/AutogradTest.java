package org.neurite.engine.autograd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;
import org.neurite.api.Tensor;
import org.neurite.engine.CpuBackend;
import org.neurite.engine.Fixtures;
import org.neurite.engine.tensor.CpuTensor;

class AutogradTest {

    private static CpuTensor leaf(float... values) {
        return Fixtures.vector(values).requireGrad();
    }

    @Test
    void gradientsAccumulateOverTwoBackwardPasses() {
        CpuTensor x = leaf(1, 2);
        x.mul(3f).sum().backward();
        x.mul(3f).sum().backward();
        assertThat(x.gradArray()).containsExactly(6, 6);
        x.zeroGrad();
        assertThat(x.grad()).isNull();
    }

    @Test
    void aTensorUsedTwiceGetsBothContributions() {
        CpuTensor x = leaf(2, -1);
        x.mul(x).add(x).sum().backward(); // d(x^2 + x)/dx = 2x + 1
        assertThat(x.gradArray()).containsExactly(5, -1);
    }

    @Test
    void aSharedIntermediateIsBackpropagatedOnceWithItsWholeGradient() {
        CpuTensor x = leaf(1, 3);
        Tensor y = x.mul(2f);
        y.mul(y).add(y).sum().backward(); // z = y^2 + y, y = 2x: dz/dx = (2y + 1) * 2
        assertThat(x.gradArray()).containsExactly(10, 26);
    }

    @Test
    void noGradModeRecordsNothingAndScopesRestore() {
        CpuTensor x = leaf(1, 2);
        try (var outer = CpuBackend.instance().noGrad()) {
            try (var inner = CpuBackend.instance().noGrad()) {
                assertThat(GradMode.isEnabled()).isFalse();
            }
            CpuTensor y = CpuTensor.of(x.mul(2f));
            assertThat(GradMode.isEnabled()).isFalse();
            assertThat(y.requiresGrad()).isFalse();
            assertThat(y.node()).isNull();
        }
        assertThat(GradMode.isEnabled()).isTrue();
        assertThat(x.mul(2f).requiresGrad()).isTrue();
    }

    @Test
    void detachCutsTheGraph() {
        CpuTensor x = leaf(1, 2);
        Tensor y = x.mul(3f);
        Tensor cut = y.detach();
        assertThat(cut.requiresGrad()).isFalse();
        assertThat(cut.toArray()).containsExactly(3, 6);
        y.mul(cut).sum().backward(); // only the y branch carries a gradient: d(3x * c)/dx = 3c
        assertThat(x.gradArray()).containsExactly(9, 18);
    }

    @Test
    void backwardOnANonScalarNeedsASeed() {
        Tensor y = leaf(1, 2).mul(2f);
        assertThatThrownBy(y::backward)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("backward() needs a scalar, but this tensor has shape [2]; pass the gradient with"
                        + " backward(Tensor)");
        assertThatThrownBy(() -> y.backward(CpuTensor.wrap(new float[] {1, 1, 1}, Shape.of(3))))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessage("backward: gradient of shape [3] for a tensor of shape [2]");
    }

    @Test
    void backwardWithoutAnythingToDifferentiateFails() {
        Tensor y = CpuTensor.wrap(new float[] {1, 2}, Shape.of(2)).sum();
        assertThatThrownBy(y::backward)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not depend on any tensor that requires a gradient");
    }

    @Test
    void intermediatesReleaseTheirGraphAfterBackward() {
        CpuTensor x = leaf(1, 2);
        CpuTensor y = CpuTensor.of(x.mul(2f));
        y.sum().backward();
        assertThat(y.node()).isNull();
        assertThat(y.gradArray()).isNull();
        assertThat(x.gradArray()).containsExactly(2, 2);
    }

    @Test
    void adoptedGradientsAreKeptWithoutCopyAndStillAccumulate() {
        CpuTensor x = leaf(1, 2);
        float[] first = {1, 1};
        x.adoptGrad(first);
        assertThat(x.gradArray()).isSameAs(first);
        x.adoptGrad(new float[] {2, 3});
        x.accumulateGrad(new float[] {1, 1});
        assertThat(x.gradArray()).containsExactly(4, 5);
    }

    @Test
    void contributionsWrittenInPlaceReuseTheForgottenArrayAndAddUp() {
        CpuTensor x = leaf(1, 2);
        x.accumulateGradWith(target -> {
            target[0] = 3;
            target[1] = 4;
        });
        float[] first = x.gradArray();
        assertThat(first).containsExactly(3, 4);
        x.accumulateGradWith(target -> java.util.Arrays.fill(target, 1));
        assertThat(x.gradArray()).isSameAs(first).containsExactly(4, 5);
        x.zeroGrad();
        assertThat(x.gradArray()).isNull();
        x.accumulateGradWith(target -> {
            target[0] = -1;
            target[1] = -2;
        });
        assertThat(x.gradArray()).isSameAs(first).containsExactly(-1, -2);
    }
}
