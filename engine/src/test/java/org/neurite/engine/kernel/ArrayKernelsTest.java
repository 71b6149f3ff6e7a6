package org.neurite.engine.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicIntegerArray;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.neurite.api.ArrayKernels;

/**
 * The engine's {@link ArrayKernels}, vector and plain, against sums written out here, on sizes
 * that are not whole numbers of vectors or of four-row blocks, at offsets inside larger arrays
 * and with leading dimensions wider than the rows; what lies outside the written range stays.
 */
class ArrayKernelsTest {

    private static final Offset<Float> CLOSE = Offset.offset(1e-5f);

    private final ArrayKernels vector = CpuArrayKernels.instance();
    private final ArrayKernels plain = CpuArrayKernels.scalar();
    private final SplittableRandom random = new SplittableRandom(7);

    @Test
    void linearMapsEveryRowWithBiasFromEitherLayoutOfTheWeight() {
        int rows = 3;
        int k = 37;
        int n = 11;
        float[] x = fill(2 + rows * k);
        float[] w = fill(n * k);
        float[] bias = fill(n);
        for (ArrayKernels kernels : new ArrayKernels[] {vector, plain}) {
            float[] y = fill(5 + rows * n + 2);
            float[] before = y.clone();
            kernels.linear(x, 2, rows, k, w, bias, n, y, 5);
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < n; j++) {
                    float expected = bias[j];
                    for (int p = 0; p < k; p++) {
                        expected += x[2 + i * k + p] * w[j * k + p];
                    }
                    assertThat(y[5 + i * n + j]).as("row %d output %d", i, j).isCloseTo(expected, CLOSE);
                }
            }
            assertUntouched(y, before, 5, 5 + rows * n);
        }
        for (int many : new int[] {rows, 9}) { // the row kernel and the blocked one
            float[] xs = fill(many * k);
            float[] wt = new float[k * n];
            for (int j = 0; j < n; j++) {
                for (int p = 0; p < k; p++) {
                    wt[p * n + j] = w[j * k + p];
                }
            }
            float[] expected = new float[many * n];
            vector.linear(xs, 0, many, k, w, bias, n, expected, 0);
            float[] y = new float[1 + many * n];
            vector.linearTransposed(xs, 0, many, k, wt, bias, n, y, 1);
            for (int i = 0; i < many * n; i++) {
                assertThat(y[1 + i]).as("transposed, %d rows, element %d", many, i).isCloseTo(expected[i], CLOSE);
            }
        }
    }

    @Test
    void packedWeightsGiveTheLinearMapForAnyRowsAndPartialPanels() {
        int k = 37;
        for (int n : new int[] {11, 65, 130}) { // within one panel, a vector past whole panels, several panels
            float[] w = fill(n * k);
            float[] bias = fill(n);
            for (ArrayKernels kernels : new ArrayKernels[] {vector, plain}) {
                float[] packed = kernels.packLinear(w, n, k);
                for (int rows : new int[] {1, 2, 5}) { // one row, a pair, pairs and one left over
                    float[] x = fill(3 + rows * k);
                    float[] y = fill(2 + rows * n + 4);
                    float[] before = y.clone();
                    kernels.linearPacked(x, 3, rows, k, packed, bias, n, y, 2);
                    for (int i = 0; i < rows; i++) {
                        for (int j = 0; j < n; j++) {
                            float expected = bias[j];
                            for (int p = 0; p < k; p++) {
                                expected += x[3 + i * k + p] * w[j * k + p];
                            }
                            assertThat(y[2 + i * n + j]).as("n %d, %d rows: row %d output %d", n, rows, i, j)
                                    .isCloseTo(expected, CLOSE);
                        }
                    }
                    assertUntouched(y, before, 2, 2 + rows * n);
                }
            }
        }
    }

    @Test
    void aRangeOfPackedColumnsGivesExactlyThoseOutputsOfTheWholeProduct() {
        int k = 37;
        for (ArrayKernels kernels : new ArrayKernels[] {vector, plain}) {
            int step = kernels.packedColumnStep();
            int n = 3 * step + 5; // whole panels and a part of one
            float[] w = fill(n * k);
            float[] bias = fill(n);
            float[] packed = kernels.packLinear(w, n, k);
            for (int rows : new int[] {1, 2, 3}) {
                float[] x = fill(1 + rows * k);
                float[] whole = new float[rows * n];
                kernels.linearPacked(x, 1, rows, k, packed, bias, n, whole, 0);
                int[][] ranges = {{0, step}, {step, 3 * step}, {3 * step, n}, {0, n}};
                for (int[] range : ranges) {
                    float[] y = fill(2 + rows * n);
                    float[] before = y.clone();
                    kernels.linearPackedColumns(x, 1, rows, k, packed, bias, n, range[0], range[1], y, 2);
                    for (int i = 0; i < rows; i++) {
                        for (int j = 0; j < n; j++) {
                            boolean inside = j >= range[0] && j < range[1];
                            assertThat(y[2 + i * n + j]).as("%d rows, columns [%d, %d): row %d output %d", rows,
                                    range[0], range[1], i, j).isEqualTo(inside ? whole[i * n + j]
                                            : before[2 + i * n + j]);
                        }
                    }
                }
            }
            assertThatThrownBy(() -> kernels.linearPackedColumns(new float[k], 0, 1, k, packed, null, n, 1, n,
                    new float[n], 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[1, " + n);
        }
    }

    @Test
    void everyLaneRunsOnceAndAFailureOfEitherLaneReachesTheCaller() {
        assertThat(CpuArrayKernels.instance().lanes()).as("one lane unless neurite.decodeLanes=2").isEqualTo(
                "2".equals(System.getProperty(CpuArrayKernels.LANES_PROPERTY)) && Parallel.threads() > 1 ? 2 : 1);
        ArrayKernels kernels = CpuArrayKernels.inTwoLanes();
        assertThat(kernels.lanes()).isEqualTo(2);
        for (int round = 0; round < 2000; round++) {
            AtomicIntegerArray runs = new AtomicIntegerArray(kernels.lanes());
            kernels.inLanes(runs::incrementAndGet);
            for (int lane = 0; lane < kernels.lanes(); lane++) {
                assertThat(runs.get(lane)).as("round %d lane %d", round, lane).isEqualTo(1);
            }
        }
        for (int failing = 0; failing < kernels.lanes(); failing++) {
            int lane = failing;
            assertThatThrownBy(() -> kernels.inLanes(l -> {
                if (l == lane) {
                    throw new IllegalStateException("lane " + l);
                }
            })).isInstanceOf(IllegalStateException.class).hasMessage("lane " + lane);
        }
        // a part that asks for lanes itself runs them inline
        AtomicIntegerArray inner = new AtomicIntegerArray(2);
        kernels.inLanes(outer -> kernels.inLanes(l -> inner.incrementAndGet(l)));
        assertThat(inner.get(0)).isEqualTo(kernels.lanes());
    }

    /** Widths with one vector and a tail, two vectors, and four, two and one (for lanes of up to 16); odd and even row counts. */
    @ParameterizedTest
    @CsvSource({"21, 7", "37, 8", "37, 7", "83, 7", "83, 8"})
    void dotsAndWeightedSumsFollowTheLeadingDimension(int k, int n) {
        int ldm = k + 19;
        float[] x = fill(3 + k);
        float[] a = fill(1 + n);
        float[] m = fill(4 + n * ldm);
        for (ArrayKernels kernels : new ArrayKernels[] {vector, plain}) {
            float[] dots = fill(2 + n + 3);
            float[] before = dots.clone();
            kernels.dots(x, 3, k, m, 4, ldm, n, dots, 2);
            float[] sums = fill(6 + k + 1);
            float[] sumsBefore = sums.clone();
            kernels.weightedSum(a, 1, n, m, 4, ldm, k, sums, 6);
            for (int j = 0; j < n; j++) {
                float expected = 0;
                for (int p = 0; p < k; p++) {
                    expected += x[3 + p] * m[4 + j * ldm + p];
                }
                assertThat(dots[2 + j]).as("dot %d", j).isCloseTo(expected, CLOSE);
            }
            for (int p = 0; p < k; p++) {
                float expected = 0;
                for (int j = 0; j < n; j++) {
                    expected += a[1 + j] * m[4 + j * ldm + p];
                }
                assertThat(sums[6 + p]).as("sum %d", p).isCloseTo(expected, CLOSE);
            }
            assertUntouched(dots, before, 2, 2 + n);
            assertUntouched(sums, sumsBefore, 6, 6 + k);
        }
    }

    @Test
    void layerNormInPlaceAndGeluMatchTheirDefinitions() {
        int n = 19;
        float[] x = fill(1 + 2 * n);
        float[] gamma = fill(n);
        float[] beta = fill(n);
        for (ArrayKernels kernels : new ArrayKernels[] {vector, plain}) {
            for (boolean shift : new boolean[] {true, false}) { // with beta, and without (no bias)
                float[] y = x.clone();
                kernels.layerNorm(y, 1, 2, n, gamma, shift ? beta : null, 1e-5f, y, 1);
                for (int r = 0; r < 2; r++) {
                    double mean = 0;
                    double var = 0;
                    for (int i = 0; i < n; i++) {
                        mean += x[1 + r * n + i] / (double) n;
                    }
                    for (int i = 0; i < n; i++) {
                        var += Math.pow(x[1 + r * n + i] - mean, 2) / n;
                    }
                    for (int i = 0; i < n; i++) {
                        double expected = (x[1 + r * n + i] - mean) / Math.sqrt(var + 1e-5) * gamma[i]
                                + (shift ? beta[i] : 0);
                        assertThat(y[1 + r * n + i]).as("row %d element %d", r, i).isCloseTo((float) expected, CLOSE);
                    }
                }
                assertThat(y[0]).isEqualTo(x[0]);
            }
        }
        float[] g = x.clone();
        vector.gelu(g, 1, 1 + n);
        for (int i = 1; i < 1 + n; i++) {
            assertThat(g[i]).isCloseTo((float) (x[i] * Erf.normalCdf(x[i])), CLOSE);
        }
        assertThat(g[0]).isEqualTo(x[0]);
        assertThat(g[1 + n]).isEqualTo(x[1 + n]);
    }

    /** Runs of one element, a tail, whole vectors and whole vectors plus a tail (lanes of up to 16), inside a larger array. */
    @ParameterizedTest
    @CsvSource({"1", "5", "32", "45", "64"})
    void softmaxOfAScaledRunInPlaceMatchesItsDefinition(int n) {
        float[] x = fill(3 + n + 2);
        for (int i = 0; i < x.length; i++) {
            x[i] *= 8; // scores of some size, so that the largest one matters
        }
        float scale = 0.17677669f;
        for (ArrayKernels kernels : new ArrayKernels[] {vector, plain}) {
            float[] s = x.clone();
            kernels.softmax(s, 3, n, scale);
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                max = Math.max(max, scale * (double) x[3 + j]);
            }
            double sum = 0;
            for (int j = 0; j < n; j++) {
                sum += Math.exp(scale * (double) x[3 + j] - max);
            }
            for (int j = 0; j < n; j++) {
                double expected = Math.exp(scale * (double) x[3 + j] - max) / sum;
                assertThat(s[3 + j]).as("weight %d of %d", j, n).isCloseTo((float) expected, Offset.offset(1e-6f));
            }
            assertUntouched(s, x, 3, 3 + n);
        }
    }

    private float[] fill(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return v;
    }

    private static void assertUntouched(float[] actual, float[] before, int from, int to) {
        for (int i = 0; i < actual.length; i++) {
            if (i < from || i >= to) {
                assertThat(actual[i]).as("element %d outside the output", i).isEqualTo(before[i]);
            }
        }
    }
}
