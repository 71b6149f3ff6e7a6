package org.neurite.engine.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.neurite.engine.Fixtures.floats;
import static org.neurite.engine.Fixtures.tensor;

import org.junit.jupiter.api.Test;
import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;
import org.neurite.engine.CpuBackend;
import org.neurite.engine.GradCheck;
import org.neurite.engine.tensor.CpuTensor;

class SelectionTest {

    @Test
    void whereBroadcastsAllThree() {
        // torch 1.13: torch.where(tensor([[1.],[0.],[2.]]) != 0, tensor([[10.,20.,30.,40.]]), tensor(-1.))
        CpuTensor y = Selection.where(tensor(floats(1, 0, 2), 3, 1), tensor(floats(10, 20, 30, 40), 1, 4),
                tensor(floats(-1)));
        assertThat(y.shape()).isEqualTo(Shape.of(3, 4));
        assertThat(y.data()).containsExactly(10, 20, 30, 40, -1, -1, -1, -1, 10, 20, 30, 40);
    }

    @Test
    void whereSendsEachGradientToTheChosenSideOnly() {
        CpuTensor cond = tensor(floats(1, 0, 1, 0), 4).requireGrad();
        CpuTensor a = tensor(floats(1, 2, 3, 4), 4).requireGrad();
        CpuTensor b = tensor(floats(9), 1).requireGrad();
        Selection.where(cond, a, b).backward(tensor(floats(1, 2, 3, 4), 4));
        assertThat(a.gradArray()).containsExactly(1, 0, 3, 0);
        assertThat(b.gradArray()).containsExactly(6);
        assertThat(cond.gradArray()).isNull();
    }

    @Test
    void whereGradients() {
        CpuTensor cond = tensor(floats(1, 0, 0, 1, 1, 0), 2, 3, 1);
        GradCheck.create().check(x -> CpuBackend.instance().where(cond, x.get(0), x.get(1)),
                GradCheck.random(1, 3, 4), GradCheck.random(2, 2, 1, 4));
        GradCheck.create().check(x -> CpuBackend.instance().where(cond, x.get(0), x.get(1)),
                GradCheck.random(3), GradCheck.random(4, 2, 3, 5));
    }

    @Test
    void maskedFillReplacesAndBlocksTheGradient() {
        // torch 1.13: torch.arange(6.).reshape(2,3).masked_fill(tensor([1.,0.,1.]) != 0, -9.)
        float[] v = {0, 1, 2, 3, 4, 5};
        CpuTensor x = tensor(v, 2, 3).requireGrad();
        CpuTensor y = Selection.maskedFill(x, tensor(floats(1, 0, 1), 3), -9f);
        assertThat(y.data()).containsExactly(-9, 1, -9, -9, 4, -9);
        y.backward(tensor(floats(1, 2, 3, 4, 5, 6), 2, 3));
        assertThat(x.gradArray()).containsExactly(0, 2, 0, 0, 5, 0);
    }

    @Test
    void maskedFillWithMinusInfinityForAttentionScores() {
        CpuTensor scores = tensor(floats(0.5, 0.1, 0.2, 0.3), 2, 2);
        CpuTensor causal = tensor(floats(0, 1, 0, 0), 2, 2);
        assertThat(Selection.maskedFill(scores, causal, Float.NEGATIVE_INFINITY).data())
                .containsExactly(0.5f, Float.NEGATIVE_INFINITY, 0.2f, 0.3f);
    }

    @Test
    void maskedFillGradients() {
        CpuTensor mask = tensor(floats(0, 1, 0, 0, 1, 1), 2, 1, 3);
        GradCheck.create().check(x -> CpuBackend.instance().maskedFill(x.get(0), mask, 7f),
                GradCheck.random(1, 2, 4, 3));
    }

    @Test
    void shapeErrorsAreNamed() {
        assertThatThrownBy(() -> Selection.where(tensor(floats(1, 0), 2), GradCheck.random(1, 3), GradCheck.random(2, 1)))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessage("where: shapes [2], [3] and [1] do not broadcast");
        assertThatThrownBy(() -> Selection.maskedFill(GradCheck.random(1, 3), GradCheck.random(2, 2, 3), 0f))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessage("maskedFill: shape [2, 3] does not broadcast to [3]");
    }
}
