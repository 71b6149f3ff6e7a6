package org.neurite.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.neurite.api.Shape;

class SyntheticDataTest {

    @Test
    void xorHasItsFourPoints() {
        Dataset xor = SyntheticData.xor();

        assertThat(xor.size()).isEqualTo(4);
        assertThat(xor.features(2)).containsExactly(1, 0);
        assertThat(new float[] {xor.target(0)[0], xor.target(1)[0], xor.target(2)[0], xor.target(3)[0]})
                .containsExactly(0, 1, 1, 0);
    }

    @Test
    void spiralsAreSeededBalancedAndNearTheUnitDisc() {
        Dataset a = SyntheticData.spirals(200, 0.02, new SplittableRandom(3));
        Dataset b = SyntheticData.spirals(200, 0.02, new SplittableRandom(3));
        Dataset c = SyntheticData.spirals(200, 0.02, new SplittableRandom(4));

        assertThat(a.featureShape()).isEqualTo(Shape.of(2));
        assertThat(a.classCounts()).containsExactly(100, 100);
        assertThat(a.features(17)).isEqualTo(b.features(17));
        assertThat(a.features(17)).isNotEqualTo(c.features(17));
        for (int i = 0; i < a.size(); i++) {
            float[] p = a.features(i);
            assertThat(Math.hypot(p[0], p[1])).isLessThan(1.2);
        }
    }

    @Test
    void spiralArmsArePointReflectionsOfEachOtherWithoutNoise() {
        Dataset d = SyntheticData.spirals(2000, 0, new SplittableRandom(9));

        // Without noise a point of class c at radius t lies at angle 3.5 pi t + c pi.
        for (int i = 0; i < d.size(); i++) {
            float[] p = d.features(i);
            double t = Math.hypot(p[0], p[1]);
            double angle = t * 1.75 * 2 * Math.PI + d.target(i)[0] * Math.PI;
            assertThat(p[0]).isCloseTo((float) (t * Math.cos(angle)), within(1e-4f));
            assertThat(p[1]).isCloseTo((float) (t * Math.sin(angle)), within(1e-4f));
        }
    }

    @Test
    void blobsAreLinearlySeparableByTheirNearestCentre() {
        Dataset d = SyntheticData.blobs(600, 4, 3, 1.5, new SplittableRandom(11));

        assertThat(d.classCounts()).containsExactly(150, 150, 150, 150);
        for (int i = 0; i < d.size(); i++) {
            float[] p = d.features(i);
            // Nearest centre = argmax of the linear scores c . x - |c|^2 / 2 (all |c| equal here).
            int best = -1;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < 4; c++) {
                double score = 4 * Math.cos(Math.PI / 2 * c) * p[0] + 4 * Math.sin(Math.PI / 2 * c) * p[1];
                if (score > bestScore) {
                    bestScore = score;
                    best = c;
                }
            }
            assertThat(best).as("sample %d", i).isEqualTo((int) d.target(i)[0]);
        }
    }

    @Test
    void logisticRegressionOnTheSamplesRecoversTheTrueWeights() {
        float[] w = {2f, -1f, 0.5f};
        float bias = 0.3f;
        Dataset d = SyntheticData.logistic(20_000, w, bias, new SplittableRandom(21));

        double[] fit = fitLogistic(d, 3, 300);

        assertThat(fit[0]).isCloseTo(2.0, within(0.1));
        assertThat(fit[1]).isCloseTo(-1.0, within(0.1));
        assertThat(fit[2]).isCloseTo(0.5, within(0.1));
        assertThat(fit[3]).isCloseTo(0.3, within(0.1));
    }

    /** Full-batch gradient descent on the mean log loss; returns the weights, then the bias. */
    private static double[] fitLogistic(Dataset d, int dims, int steps) {
        double[] theta = new double[dims + 1];
        double[][] x = new double[d.size()][];
        double[] y = new double[d.size()];
        for (int i = 0; i < d.size(); i++) {
            float[] f = d.features(i);
            x[i] = new double[] {f[0], f[1], f[2]};
            y[i] = d.target(i)[0];
        }
        for (int step = 0; step < steps; step++) {
            double[] grad = new double[dims + 1];
            for (int i = 0; i < x.length; i++) {
                double z = theta[dims];
                for (int k = 0; k < dims; k++) {
                    z += theta[k] * x[i][k];
                }
                double err = 1 / (1 + Math.exp(-z)) - y[i];
                for (int k = 0; k < dims; k++) {
                    grad[k] += err * x[i][k];
                }
                grad[dims] += err;
            }
            for (int k = 0; k <= dims; k++) {
                theta[k] -= 2.0 * grad[k] / x.length;
            }
        }
        return theta;
    }
}
