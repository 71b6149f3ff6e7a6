package org.neurite.engine.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.neurite.engine.Fixtures.floats;
import static org.neurite.engine.Fixtures.tensor;

import org.junit.jupiter.api.Test;
import org.neurite.api.Shape;
import org.neurite.engine.GradCheck;
import org.neurite.engine.tensor.CpuTensor;

class ReductionsTest {

    /** [[1, 2, 3], [4, 5, 6]] */
    private static CpuTensor grid() {
        return tensor(floats(1, 2, 3, 4, 5, 6), 2, 3);
    }

    @Test
    void sumsOverEachAxisAndAll() {
        assertThat(Reductions.sum(grid(), false, 0).data()).containsExactly(5, 7, 9);
        assertThat(Reductions.sum(grid(), false, -1).data()).containsExactly(6, 15);
        CpuTensor all = Reductions.sum(grid(), false);
        assertThat(all.shape()).isEqualTo(Shape.scalar());
        assertThat(all.item()).isEqualTo(21f);
        assertThat(Reductions.sum(grid(), true, 1).shape()).isEqualTo(Shape.of(2, 1));
        assertThat(Reductions.sum(grid(), true).shape()).isEqualTo(Shape.of(1, 1));
    }

    @Test
    void meansDivideByTheReducedCount() {
        assertThat(Reductions.mean(grid(), false, 0).data()).containsExactly(2.5f, 3.5f, 4.5f);
        assertThat(Reductions.mean(grid(), true, 1).data()).containsExactly(2, 5);
        assertThat(Reductions.mean(grid(), false).item()).isEqualTo(3.5f);
    }

    @Test
    void sumOverInnerAxesOfARank4Tensor() {
        // numpy: np.arange(24).reshape(2,3,2,2).sum(axis=(1,3)) = [[27, 39], [99, 111]]
        float[] v = new float[24];
        for (int i = 0; i < v.length; i++) {
            v[i] = i;
        }
        CpuTensor s = Reductions.sum(tensor(v, 2, 3, 2, 2), false, 1, 3);
        assertThat(s.shape()).isEqualTo(Shape.of(2, 2));
        assertThat(s.data()).containsExactly(27, 39, 99, 111);
    }

    @Test
    void sumAndMeanGradients() {
        int[][] axes = {{}, {0}, {1}, {2}, {-1}, {0, 2}, {1, 2}, {0, 1, 2}};
        for (int[] ax : axes) {
            for (boolean keep : new boolean[] {false, true}) {
                GradCheck.create().check(x -> x.get(0).sum(keep, ax), GradCheck.random(1, 3, 4, 5));
                GradCheck.create().check(x -> x.get(0).mean(keep, ax), GradCheck.random(2, 3, 4, 5));
            }
        }
        GradCheck.create().check(x -> x.get(0).sum(), tensor(floats(2.5)));
    }

    @Test
    void maxPicksTheFirstMaximumAndSendsItTheGradient() {
        CpuTensor x = tensor(floats(1, 7, 7, 2, 9, 0, 3, 3), 2, 4).requireGrad();
        CpuTensor m = Reductions.max(x, 1, false);
        assertThat(m.data()).containsExactly(7, 9);
        m.backward(tensor(floats(10, 20), 2));
        assertThat(x.gradArray()).containsExactly(0, 10, 0, 0, 20, 0, 0, 0);
        CpuTensor col = Reductions.max(tensor(floats(1, 7, 7, 2, 9, 0, 3, 3), 2, 4), 0, true);
        assertThat(col.shape()).isEqualTo(Shape.of(1, 4));
        assertThat(col.data()).containsExactly(9, 7, 7, 3);
    }

    @Test
    void maxGradients() {
        // distinct values 0.1 apart, so that no finite-difference step changes which element wins
        float[] v = new float[60];
        for (int i = 0; i < v.length; i++) {
            v[i] = ((i * 37) % 60) * 0.1f - 3f;
        }
        for (int axis = -3; axis < 3; axis++) {
            int a = axis;
            GradCheck.create().check(x -> x.get(0).max(a, a % 2 == 0), tensor(v.clone(), 3, 4, 5));
        }
    }

    @Test
    void argmaxGivesTheFirstIndexAndNoGradient() {
        CpuTensor x = tensor(floats(1, 7, 7, 2, 9, 0, 3, 9), 2, 4).requireGrad();
        CpuTensor rows = Reductions.argmax(x, -1);
        assertThat(rows.shape()).isEqualTo(Shape.of(2));
        assertThat(rows.data()).containsExactly(1, 0);
        assertThat(rows.requiresGrad()).isFalse();
        assertThat(Reductions.argmax(x, 0).data()).containsExactly(1, 0, 0, 1);
    }

    @Test
    void nanIsTheMaximum() {
        CpuTensor x = tensor(floats(1, Double.NaN, 3), 3);
        assertThat(Reductions.max(x, 0, false).item()).isNaN();
        assertThat(Reductions.argmax(x, 0).item()).isEqualTo(1f);
    }

    @Test
    void badAxesAreNamed() {
        assertThatThrownBy(() -> Reductions.sum(grid(), false, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sum: axis 2 is out of range for shape [2, 3]");
        assertThatThrownBy(() -> Reductions.mean(grid(), false, 1, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("mean: axis -1 given twice for shape [2, 3]");
        assertThatThrownBy(() -> Reductions.max(grid(), -3, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("max: axis -3 is out of range for shape [2, 3]");
        assertThatThrownBy(() -> Reductions.argmax(tensor(new float[0], 2, 0), 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("argmax: axis 1 of shape [2, 0] is empty");
    }
}
