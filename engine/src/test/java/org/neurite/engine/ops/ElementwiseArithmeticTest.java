package org.neurite.engine.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.neurite.engine.Fixtures.floats;
import static org.neurite.engine.Fixtures.shifted;
import static org.neurite.engine.Fixtures.tensor;

import java.util.List;
import java.util.function.BinaryOperator;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;
import org.neurite.engine.GradCheck;
import org.neurite.engine.tensor.CpuTensor;

class ElementwiseArithmeticTest {

    static List<Arguments> shapePairs() {
        return List.of(
                Arguments.of(new int[] {3, 4}, new int[] {3, 4}),
                Arguments.of(new int[] {3, 1}, new int[] {1, 4}),
                Arguments.of(new int[] {2, 3, 4}, new int[] {4}),
                Arguments.of(new int[] {4}, new int[] {2, 3, 4}),
                Arguments.of(new int[] {}, new int[] {2, 3}),
                Arguments.of(new int[] {2, 3}, new int[] {}),
                Arguments.of(new int[] {5, 1, 3}, new int[] {4, 1}),
                Arguments.of(new int[] {6, 5}, new int[] {5}),
                Arguments.of(new int[] {2, 3, 1}, new int[] {2, 1, 4}),
                Arguments.of(new int[] {1, 1}, new int[] {3, 1}));
    }

    @ParameterizedTest
    @MethodSource("shapePairs")
    void addGradients(int[] a, int[] b) {
        GradCheck.create().check(x -> x.get(0).add(x.get(1)), GradCheck.random(1, a), GradCheck.random(2, b));
    }

    @ParameterizedTest
    @MethodSource("shapePairs")
    void subGradients(int[] a, int[] b) {
        GradCheck.create().check(x -> x.get(0).sub(x.get(1)), GradCheck.random(3, a), GradCheck.random(4, b));
    }

    @ParameterizedTest
    @MethodSource("shapePairs")
    void mulGradients(int[] a, int[] b) {
        GradCheck.create().check(x -> x.get(0).mul(x.get(1)), GradCheck.random(5, a), GradCheck.random(6, b));
    }

    @ParameterizedTest
    @MethodSource("shapePairs")
    void divGradients(int[] a, int[] b) {
        GradCheck.create().check(x -> x.get(0).div(x.get(1)), GradCheck.random(7, a), shifted(8, 1f, b));
    }

    @Test
    void columnPlusRowBroadcastsToAGrid() {
        CpuTensor col = tensor(floats(1, 2, 3), 3, 1);
        CpuTensor row = tensor(floats(10, 20, 30, 40), 1, 4);
        CpuTensor sum = Elementwise.add(col, row);
        assertThat(sum.shape()).isEqualTo(Shape.of(3, 4));
        assertThat(sum.data()).containsExactly(11, 21, 31, 41, 12, 22, 32, 42, 13, 23, 33, 43);
    }

    @Test
    void broadcastValuesFollowNumpy() {
        // numpy: np.arange(5*3).reshape(5,1,3) * (np.arange(4).reshape(4,1) + 1)
        float[] a = new float[15];
        for (int i = 0; i < a.length; i++) {
            a[i] = i;
        }
        CpuTensor p = Elementwise.mul(tensor(a, 5, 1, 3), tensor(floats(1, 2, 3, 4), 4, 1));
        assertThat(p.shape()).isEqualTo(Shape.of(5, 4, 3));
        assertThat(p.get(0, 0, 2)).isEqualTo(2f);
        assertThat(p.get(1, 2, 0)).isEqualTo(9f);
        assertThat(p.get(4, 3, 2)).isEqualTo(56f);
    }

    @Test
    void scalarOperandsOnEitherSide() {
        CpuTensor five = tensor(floats(5));
        CpuTensor v = tensor(floats(1, 2, 4), 3);
        assertThat(Elementwise.sub(five, v).data()).containsExactly(4, 3, 1);
        assertThat(Elementwise.sub(v, five).data()).containsExactly(-4, -3, -1);
        assertThat(Elementwise.div(five, v).data()).containsExactly(5, 2.5f, 1.25f);
        assertThat(Elementwise.div(v, five).data()).containsExactly(0.2f, 0.4f, 0.8f);
        assertThat(Elementwise.mul(five, five).shape()).isEqualTo(Shape.scalar());
    }

    @Test
    void biasGradientIsTheColumnSum() {
        CpuTensor x = tensor(floats(1, 2, 3, 4, 5, 6), 2, 3).requireGrad();
        CpuTensor bias = tensor(floats(0.5, -1, 2), 3).requireGrad();
        CpuTensor y = Elementwise.add(x, bias);
        assertThat(y.data()).containsExactly(1.5f, 1, 5, 4.5f, 4, 8);
        y.backward(tensor(floats(1, 2, 3, 4, 5, 6), 2, 3));
        assertThat(bias.gradArray()).containsExactly(5, 7, 9);
        assertThat(x.gradArray()).containsExactly(1, 2, 3, 4, 5, 6);
    }

    @Test
    void quotientGradientsByHand() {
        // d(a/b)/da = 1/b, d(a/b)/db = -a/b^2; a = [3, 1], b = [2, 4] broadcast as [2] / [2]
        CpuTensor a = tensor(floats(3, 1), 2).requireGrad();
        CpuTensor b = tensor(floats(2, 4), 2).requireGrad();
        Elementwise.div(a, b).sum().backward();
        assertThat(a.gradArray()).containsExactly(0.5f, 0.25f);
        assertThat(b.gradArray()).containsExactly(-0.75f, -0.0625f);
    }

    @Test
    void scalarArithmeticAndItsGradients() {
        GradCheck.create().check(x -> x.get(0).add(2.5f), GradCheck.random(9, 3, 4));
        GradCheck.create().check(x -> x.get(0).mul(-1.5f), GradCheck.random(10, 3, 4));
        GradCheck.create().check(x -> x.get(0).div(4f).neg().sub(1f), GradCheck.random(11, 7));
        CpuTensor v = tensor(floats(1, -2), 2);
        assertThat(Elementwise.addScalar(v, 3).data()).containsExactly(4, 1);
        assertThat(Elementwise.mulScalar(v, 3).data()).containsExactly(3, -6);
    }

    @Test
    void sameTensorOnBothSidesGetsBothContributions() {
        CpuTensor x = tensor(floats(3, -2), 2).requireGrad();
        Elementwise.mul(x, x).sum().backward();
        assertThat(x.gradArray()).containsExactly(6, -4);
    }

    @Test
    void shapesThatDoNotBroadcastAreNamed() {
        BinaryOperator<CpuTensor> add = Elementwise::add;
        assertThatThrownBy(() -> add.apply(GradCheck.random(1, 3, 4), GradCheck.random(2, 5)))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessage("add: shapes [3, 4] and [5] do not broadcast");
        assertThatThrownBy(() -> Elementwise.div(GradCheck.random(1, 2, 3), GradCheck.random(2, 3, 3)))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessage("div: shapes [2, 3] and [3, 3] do not broadcast");
    }

    @Test
    void noGradientIsRecordedForConstants() {
        CpuTensor y = Elementwise.add(GradCheck.random(1, 2), GradCheck.random(2, 2));
        assertThat(y.requiresGrad()).isFalse();
        assertThat(y.node()).isNull();
    }
}
