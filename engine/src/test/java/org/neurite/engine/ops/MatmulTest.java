package org.neurite.engine.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.neurite.engine.Fixtures.floats;
import static org.neurite.engine.Fixtures.tensor;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;
import org.neurite.engine.GradCheck;
import org.neurite.engine.tensor.CpuTensor;

class MatmulTest {

    private static final CpuTensor A = tensor(floats(1, 2, 3, 4, 5, 6), 2, 3);
    private static final CpuTensor B = tensor(floats(7, 8, 9, 10, 11, 12), 3, 2);

    @Test
    void matrixTimesMatrix() {
        CpuTensor c = Matmul.matmul(A, B);
        assertThat(c.shape()).isEqualTo(Shape.of(2, 2));
        assertThat(c.data()).containsExactly(58, 64, 139, 154);
    }

    @Test
    void vectorsAreRowsOnTheLeftAndColumnsOnTheRight() {
        CpuTensor row = Matmul.matmul(tensor(floats(1, 2, 3), 3), B);
        assertThat(row.shape()).isEqualTo(Shape.of(2));
        assertThat(row.data()).containsExactly(58, 64);
        CpuTensor col = Matmul.matmul(A, tensor(floats(1, 1, 1), 3));
        assertThat(col.shape()).isEqualTo(Shape.of(2));
        assertThat(col.data()).containsExactly(6, 15);
        CpuTensor dot = Matmul.matmul(tensor(floats(1, 2, 3), 3), tensor(floats(4, 5, 6), 3));
        assertThat(dot.shape()).isEqualTo(Shape.scalar());
        assertThat(dot.item()).isEqualTo(32f);
    }

    @Test
    void batchAxesBroadcastAndEachBatchIsAPlainProduct() {
        CpuTensor a = GradCheck.random(1, 2, 1, 3, 4);
        CpuTensor b = GradCheck.random(2, 5, 4, 2);
        CpuTensor c = Matmul.matmul(a, b);
        assertThat(c.shape()).isEqualTo(Shape.of(2, 5, 3, 2));
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 5; j++) {
                CpuTensor ai = tensor(Arrays.copyOfRange(a.data(), i * 12, i * 12 + 12), 3, 4);
                CpuTensor bj = tensor(Arrays.copyOfRange(b.data(), j * 8, j * 8 + 8), 4, 2);
                float[] expected = Matmul.matmul(ai, bj).data();
                for (int e = 0; e < 6; e++) {
                    assertThat(c.get(i, j, e / 2, e % 2)).isCloseTo(expected[e], within(1e-6f));
                }
            }
        }
    }

    static List<Arguments> shapePairs() {
        return List.of(
                Arguments.of(new int[] {3, 4}, new int[] {4, 5}),
                Arguments.of(new int[] {4}, new int[] {4, 5}),
                Arguments.of(new int[] {3, 4}, new int[] {4}),
                Arguments.of(new int[] {4}, new int[] {4}),
                Arguments.of(new int[] {2, 3, 4}, new int[] {4, 5}),
                Arguments.of(new int[] {3, 4}, new int[] {2, 4, 5}),
                Arguments.of(new int[] {2, 3, 4}, new int[] {2, 4, 5}),
                Arguments.of(new int[] {2, 1, 3, 4}, new int[] {5, 4, 2}),
                Arguments.of(new int[] {2, 3, 4}, new int[] {4}),
                Arguments.of(new int[] {4}, new int[] {2, 4, 3}));
    }

    @ParameterizedTest
    @MethodSource("shapePairs")
    void gradients(int[] a, int[] b) {
        GradCheck.create().check(x -> x.get(0).matmul(x.get(1)), GradCheck.random(3, a), GradCheck.random(4, b));
    }

    @ParameterizedTest
    @MethodSource("shapePairs")
    void gradientsWrittenOverForgottenArraysEqualFreshOnes(int[] a, int[] b) {
        float[][] fresh = weightedSumGradients(GradCheck.random(3, a).requireGrad(), GradCheck.random(4, b).requireGrad());
        CpuTensor x = GradCheck.random(3, a).requireGrad();
        CpuTensor y = GradCheck.random(4, b).requireGrad();
        float[][] first = weightedSumGradients(x, y);
        // zeroGrad keeps the arrays for the next gradient; their old values must not leak into it
        Arrays.fill(first[0], Float.NaN);
        Arrays.fill(first[1], Float.NaN);
        x.zeroGrad();
        y.zeroGrad();
        float[][] again = weightedSumGradients(x, y);
        assertThat(again[0]).isSameAs(first[0]).containsExactly(fresh[0]);
        assertThat(again[1]).isSameAs(first[1]).containsExactly(fresh[1]);
    }

    @Test
    void anEmptyProductGivesZeroGradientsEvenOverForgottenArrays() {
        CpuTensor a = CpuTensor.wrap(new float[0], Shape.of(0, 2)).requireGrad();
        CpuTensor b = tensor(floats(1, 2, 3, 4), 2, 2).requireGrad();
        Matmul.matmul(a, b).sum().backward();
        float[] gradB = b.gradArray();
        assertThat(gradB).containsExactly(0, 0, 0, 0);
        Arrays.fill(gradB, Float.NaN);
        b.zeroGrad();
        Matmul.matmul(a, b).sum().backward();
        assertThat(b.gradArray()).isSameAs(gradB).containsExactly(0, 0, 0, 0);
    }

    @Test
    void aSecondContributionIsAddedToTheFirstNotWrittenOverIt() {
        // w is used twice, with and without bias: its gradient is the sum of both products' gradients
        CpuTensor x = tensor(floats(1, 2, 3, 4, 5, 6), 2, 3);
        CpuTensor w = tensor(floats(1, 0, 1, 0, 1, 0), 2, 3).requireGrad();
        CpuTensor b = tensor(floats(10, -1), 2).requireGrad();
        Matmul.matmulTransposed(x, w, b).add(Matmul.matmulTransposed(x, w)).sum().backward();
        assertThat(w.gradArray()).containsExactly(10, 14, 18, 10, 14, 18);
        assertThat(b.gradArray()).containsExactly(2, 2);
        float[] gradW = w.gradArray();
        w.zeroGrad();
        b.zeroGrad();
        Matmul.matmulTransposed(x, w, b).add(Matmul.matmulTransposed(x, w)).sum().backward();
        assertThat(w.gradArray()).isSameAs(gradW).containsExactly(10, 14, 18, 10, 14, 18);
        assertThat(b.gradArray()).containsExactly(2, 2);
    }

    /** Backpropagates a fixed weighted sum of {@code x y} and returns both gradient arrays (live). */
    private static float[][] weightedSumGradients(CpuTensor x, CpuTensor y) {
        CpuTensor product = Matmul.matmul(x, y);
        CpuTensor weights = GradCheck.random(9, product.shape().dims());
        product.mul(weights).sum().backward();
        return new float[][] {x.gradArray(), y.gradArray()};
    }

    static List<Arguments> transposedPairs() {
        return List.of(
                Arguments.of(new int[] {3, 4}, new int[] {5, 4}),
                Arguments.of(new int[] {4}, new int[] {5, 4}),
                Arguments.of(new int[] {2, 3, 4}, new int[] {5, 4}),
                Arguments.of(new int[] {3, 4}, new int[] {2, 5, 4}),
                Arguments.of(new int[] {2, 1, 3, 4}, new int[] {3, 5, 4}));
    }

    @ParameterizedTest
    @MethodSource("transposedPairs")
    void transposedRightOperandEqualsMatmulWithTheTranspose(int[] a, int[] b) {
        CpuTensor x = GradCheck.random(5, a);
        CpuTensor w = GradCheck.random(6, b);
        CpuTensor direct = Matmul.matmulTransposed(x, w);
        CpuTensor reference = Matmul.matmul(x, ShapeOps.transpose(w, -1, -2));
        assertThat(direct.shape()).isEqualTo(reference.shape());
        assertThat(direct.data()).containsExactly(reference.data(), within(1e-5f));
        GradCheck.create().check(t -> Matmul.matmulTransposed(t.get(0), t.get(1)), x, w);
    }

    @Test
    void fusedLinearGradientsMatchFiniteDifferencesWithAndWithoutBias() {
        CpuTensor x = GradCheck.random(1, 3, 2, 4);
        CpuTensor w = GradCheck.random(2, 5, 4);
        CpuTensor b = GradCheck.random(3, 5);
        GradCheck.create().check(a -> Matmul.matmulTransposed(a.get(0), a.get(1), a.get(2)), x, w, b);
        GradCheck.create().check(a -> Matmul.matmulTransposed(a.get(0), a.get(1), null), x, w);
    }

    @Test
    void biasIsAddedToEveryRowAndOnlyOperandsThatNeedAGradientGetOne() {
        // x [2, 3] times w [2, 3]^T plus b [2]: rows (1*1 + 2*0 + 3*1 + 10, 1*0 + 2*1 + 3*0 - 1) and so on.
        CpuTensor x = tensor(floats(1, 2, 3, 4, 5, 6), 2, 3);
        CpuTensor w = tensor(floats(1, 0, 1, 0, 1, 0), 2, 3).requireGrad();
        CpuTensor b = tensor(floats(10, -1), 2).requireGrad();
        CpuTensor y = Matmul.matmulTransposed(x, w, b);
        assertThat(y.data()).containsExactly(14, 1, 20, 4);
        y.sum().backward();
        assertThat(x.gradArray()).isNull();
        assertThat(w.gradArray()).containsExactly(5, 7, 9, 5, 7, 9);
        assertThat(b.gradArray()).containsExactly(2, 2);
        assertThatThrownBy(() -> Matmul.matmulTransposed(x, w, tensor(floats(1, 2, 3), 3)))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessage("matmulTransposed: [2, 3] x [2, 3]^T: bias [3] must be [2]");
    }

    @Test
    void gradientByHand() {
        // L = sum(A B): dL/dA = 1 B^T (row sums of B), dL/dB = A^T 1 (column sums of A)
        CpuTensor a = tensor(A.data().clone(), 2, 3).requireGrad();
        CpuTensor b = tensor(B.data().clone(), 3, 2).requireGrad();
        Matmul.matmul(a, b).sum().backward();
        assertThat(a.gradArray()).containsExactly(15, 19, 23, 15, 19, 23);
        assertThat(b.gradArray()).containsExactly(5, 5, 7, 7, 9, 9);
    }

    @Test
    void onlyOperandsThatNeedAGradientGetOne() {
        CpuTensor x = GradCheck.random(1, 4, 3);
        CpuTensor w = GradCheck.random(2, 3, 2).requireGrad();
        Matmul.matmul(x, w).sum().backward();
        assertThat(x.gradArray()).isNull();
        assertThat(w.gradArray()).hasSize(6);
    }

    @Test
    void innerDimensionMismatchNamesBothShapes() {
        assertThatThrownBy(() -> Matmul.matmul(GradCheck.random(1, 128, 784), GradCheck.random(2, 256, 100)))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessage("matmul: [128, 784] x [256, 100]: inner dimensions 784 and 256 differ");
    }

    @Test
    void transposedMismatchesNameTheTransposedOperand() {
        assertThatThrownBy(() -> Matmul.matmulTransposed(GradCheck.random(1, 128, 784), GradCheck.random(2, 256, 100)))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessage("matmulTransposed: [128, 784] x [256, 100]^T: inner dimensions 784 and 100 differ");
        assertThatThrownBy(() -> Matmul.matmulTransposed(GradCheck.random(1, 3, 4), GradCheck.random(2, 4)))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessage("matmulTransposed: [3, 4] x [4]^T: the right operand needs at least two axes");
    }

    @Test
    void batchMismatchAndScalarsAreRejected() {
        assertThatThrownBy(() -> Matmul.matmul(GradCheck.random(1, 2, 3, 4), GradCheck.random(2, 3, 4, 5)))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessage("matmul: [2, 3, 4] x [3, 4, 5]: batch axes [2] and [3] do not broadcast");
        assertThatThrownBy(() -> Matmul.matmul(tensor(floats(1)), GradCheck.random(2, 3)))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessage("matmul: [] x [3]: operands need at least one axis");
    }
}
