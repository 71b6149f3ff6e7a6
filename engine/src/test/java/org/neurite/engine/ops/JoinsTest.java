package org.neurite.engine.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.neurite.engine.Fixtures.floats;
import static org.neurite.engine.Fixtures.tensor;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;
import org.neurite.engine.CpuBackend;
import org.neurite.engine.GradCheck;
import org.neurite.engine.tensor.CpuTensor;

class JoinsTest {

    private static final CpuTensor A = tensor(floats(1, 2, 3, 4), 2, 2);
    private static final CpuTensor B = tensor(floats(5, 6), 2, 1);

    @Test
    void concatAlongEachAxis() {
        CpuTensor cols = Joins.concat(List.of(A, B), 1);
        assertThat(cols.shape()).isEqualTo(Shape.of(2, 3));
        assertThat(cols.data()).containsExactly(1, 2, 5, 3, 4, 6);
        CpuTensor rows = Joins.concat(List.of(A, tensor(floats(7, 8), 1, 2), A), -2);
        assertThat(rows.shape()).isEqualTo(Shape.of(5, 2));
        assertThat(rows.data()).containsExactly(1, 2, 3, 4, 7, 8, 1, 2, 3, 4);
    }

    @Test
    void stackInsertsANewAxis() {
        CpuTensor c = tensor(floats(5, 6, 7, 8), 2, 2);
        assertThat(Joins.stack(List.of(A, c), 0).data()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        CpuTensor mid = Joins.stack(List.of(A, c), 1);
        assertThat(mid.shape()).isEqualTo(Shape.of(2, 2, 2));
        assertThat(mid.data()).containsExactly(1, 2, 5, 6, 3, 4, 7, 8);
        CpuTensor last = Joins.stack(List.of(A, c), -1);
        assertThat(last.shape()).isEqualTo(Shape.of(2, 2, 2));
        assertThat(last.data()).containsExactly(1, 5, 2, 6, 3, 7, 4, 8);
    }

    @Test
    void concatGradients() {
        GradCheck.create().check(x -> CpuBackend.instance().concat(x, 1),
                GradCheck.random(1, 2, 3, 4), GradCheck.random(2, 2, 1, 4), GradCheck.random(3, 2, 2, 4));
        GradCheck.create().check(x -> CpuBackend.instance().concat(x, 0),
                GradCheck.random(4, 1, 3), GradCheck.random(5, 2, 3));
        CpuTensor x = GradCheck.random(6, 2, 2);
        GradCheck.create().check(t -> CpuBackend.instance().concat(List.of(t.get(0), t.get(0).mul(2f)), -1), x);
    }

    @Test
    void stackGradients() {
        for (int axis = 0; axis <= 2; axis++) {
            int a = axis;
            GradCheck.create().check(x -> CpuBackend.instance().stack(x, a),
                    GradCheck.random(1, 2, 3), GradCheck.random(2, 2, 3), GradCheck.random(3, 2, 3));
        }
    }

    @Test
    void sameTensorTwiceGetsBothGradients() {
        CpuTensor x = tensor(floats(1, 2), 2).requireGrad();
        Joins.concat(List.of(x, x), 0).sum().backward();
        assertThat(x.gradArray()).containsExactly(2, 2);
    }

    @Test
    void mismatchedShapesAreNamed() {
        assertThatThrownBy(() -> Joins.concat(List.of(A, tensor(floats(1, 2, 3), 3, 1)), 1))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessage("concat: shapes [2, 2] and [3, 1] differ outside axis 1");
        assertThatThrownBy(() -> Joins.stack(List.of(A, B), 0))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessage("stack: shapes [2, 2] and [2, 1] differ");
        assertThatThrownBy(() -> Joins.concat(List.of(), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("concat: no tensors to join");
        assertThatThrownBy(() -> Joins.stack(List.of(A), 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("stack: axis 3 is out of range for shape [2, 2]");
    }
}
