package org.neurite.engine.init;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;

class OrthogonalInitializerTest {

    @Test
    void wideMatricesHaveOrthonormalRows() {
        float[] w = InitializersTest.draw(InitializersTest.create("orthogonal", Map.of()), Shape.of(64, 128), 3);

        assertGram(w, 64, 128, true, 1);
    }

    @Test
    void tallMatricesHaveOrthonormalColumns() {
        float[] w = InitializersTest.draw(InitializersTest.create("orthogonal", Map.of()), Shape.of(128, 64), 3);

        assertGram(w, 128, 64, false, 1);
    }

    @Test
    void squareMatricesAreOrthogonalBothWays() {
        float[] w = InitializersTest.draw(InitializersTest.create("orthogonal", Map.of()), Shape.of(50, 50), 3);

        assertGram(w, 50, 50, true, 1);
        assertGram(w, 50, 50, false, 1);
    }

    @Test
    void higherRanksAreFlattenedAfterTheFirstDimensionAndScaledByTheGain() {
        // [16, 4, 3, 3] is viewed as 16 × 36, as torch does
        float[] w = InitializersTest.draw(InitializersTest.create("orthogonal", Map.of("gain", 2.0)),
                Shape.of(16, 4, 3, 3), 3);

        assertGram(w, 16, 36, true, 4);
    }

    @Test
    void rejectsVectors() {
        assertThatThrownBy(() -> InitializersTest.draw(InitializersTest.create("orthogonal", Map.of()), Shape.of(5), 1))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessage("initializer orthogonal: needs a shape of rank 2 or more, got [5]");
    }

    @Test
    void qrFactorMatchesTorchWithItsSignCorrection() {
        // a = torch.tensor([[2.0, -1.0, 0.5], [1.0, 3.0, -2.0], [-0.5, 1.5, 1.0], [0.3, -0.7, 2.5]], dtype=torch.float64)
        // q, r = torch.linalg.qr(a); q = q * torch.diag(r).sign()
        double[] torch = {0.8654846448158309, -0.2843664933516674, 0.08707674749543289, 0.43274232240791544,
            0.8384089601032556, -0.09842772966743862, -0.21637116120395772, 0.4213031257590202, 0.616999452229256,
            0.12982269672237462, -0.19674803506803556, 0.7759132026373364};
        double[] a = {2.0, -1.0, 0.5, 1.0, 3.0, -2.0, -0.5, 1.5, 1.0, 0.3, -0.7, 2.5};

        double[] q = HouseholderQr.orthonormalFactor(a, 4, 3);

        for (int i = 0; i < torch.length; i++) {
            assertThat(q[i]).as("q[%d]", i).isCloseTo(torch[i], within(1e-12));
        }
    }

    @Test
    void sameSeedSameMatrix() {
        var orthogonal = InitializersTest.create("orthogonal", Map.of());
        assertThat(InitializersTest.draw(orthogonal, Shape.of(8, 12), new SplittableRandom(5).nextLong()))
                .containsExactly(InitializersTest.draw(orthogonal, Shape.of(8, 12), new SplittableRandom(5).nextLong()));
    }

    /** Asserts W·Wᵀ (rows) or Wᵀ·W (columns) equals {@code scale} times the identity. */
    private static void assertGram(float[] w, int rows, int cols, boolean ofRows, double scale) {
        int n = ofRows ? rows : cols;
        int length = ofRows ? cols : rows;
        double largestError = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double dot = 0;
                for (int k = 0; k < length; k++) {
                    dot += ofRows ? (double) w[i * cols + k] * w[j * cols + k] : (double) w[k * cols + i] * w[k * cols + j];
                }
                largestError = Math.max(largestError, Math.abs(dot - (i == j ? scale : 0)));
            }
        }
        assertThat(largestError).as("largest deviation from %s·I", scale).isLessThan(1e-5 * scale);
    }
}
