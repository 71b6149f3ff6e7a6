package org.neurite.engine.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * {@link LayerNormRows}, vector and plain, against layer normalisation computed in double: the
 * output, the row's mean and reciprocal deviation forward, the input's gradient backward (from
 * the input and those two); with and without scale and shift, rows in whole vectors and with a
 * tail, at an offset, touching nothing else; and the sums of the scale's and shift's gradients.
 */
class LayerNormRowsTest {

    private static final float EPSILON = 1e-5f;

    private static List<LayerNormRows.Rows> implementations() {
        List<LayerNormRows.Rows> rows = new ArrayList<>(List.of(new LayerNormRows.Plain()));
        if (KernelChoice.vectorModulePresent()) {
            rows.add(new VectorLayerNormRows());
        }
        return rows;
    }

    @Test
    void normalisesARowAndSendsItsGradientBack() {
        SplittableRandom random = new SplittableRandom(11);
        for (int width : new int[] {1, 3, 16, 17, 64, 100}) {
            int off = 3;
            float[] x = values(random, off + width + 2, 2.0, 1.5);
            float[] dy = values(random, off + width + 2, 0.0, 1.0);
            float[] gamma = values(random, width, 1.0, 0.5);
            float[] beta = values(random, width, 0.0, 0.5);
            double[] xhat = new double[width];
            double mean = 0;
            for (int i = 0; i < width; i++) {
                mean += x[off + i];
            }
            mean /= width;
            double var = 0;
            for (int i = 0; i < width; i++) {
                var += (x[off + i] - mean) * (x[off + i] - mean);
            }
            double rs = 1 / Math.sqrt(var / width + EPSILON);
            for (int i = 0; i < width; i++) {
                xhat[i] = (x[off + i] - mean) * rs;
            }
            for (LayerNormRows.Rows rows : implementations()) {
                for (boolean affine : new boolean[] {false, true}) {
                    String what = rows.getClass().getSimpleName() + ", width " + width + (affine ? ", affine" : "");
                    float[] g = affine ? gamma : null;
                    float[] out = new float[x.length];
                    float[] means = new float[3];
                    float[] rstds = new float[3];
                    rows.forward(x, off, width, EPSILON, g, affine ? beta : null, out, means, rstds, 1);
                    float r = rstds[1];
                    assertThat((double) r).as(what).isCloseTo(rs, within(1e-5 * rs));
                    assertThat((double) means[1]).as(what).isCloseTo(mean, within(1e-5));
                    assertThat(means[0] == 0 && means[2] == 0 && rstds[0] == 0 && rstds[2] == 0).as(what).isTrue();
                    for (int i = 0; i < x.length; i++) {
                        boolean inRow = i >= off && i < off + width;
                        double h = inRow ? xhat[i - off] : 0;
                        double y = inRow && affine ? h * gamma[i - off] + beta[i - off] : h;
                        assertThat((double) out[i]).as("%s, out %d", what, i).isCloseTo(y, within(1e-5));
                    }
                    float[] dx = new float[x.length];
                    rows.backward(dy, x, g, means[1], r, off, width, dx, null, null);
                    double meanD = 0;
                    double meanDX = 0;
                    for (int i = 0; i < width; i++) {
                        double d = affine ? dy[off + i] * (double) gamma[i] : dy[off + i];
                        meanD += d / width;
                        meanDX += d * xhat[i] / width;
                    }
                    for (int i = 0; i < x.length; i++) {
                        boolean inRow = i >= off && i < off + width;
                        double d = !inRow ? 0 : affine ? dy[i] * (double) gamma[i - off] : dy[i];
                        double expected = inRow ? rs * (d - meanD - xhat[i - off] * meanDX) : 0;
                        assertThat((double) dx[i]).as("%s, dx %d", what, i).isCloseTo(expected, within(1e-4));
                    }
                }
            }
        }
    }

    @Test
    void sumsTheScaleAndShiftGradientsDownTheRowsAlsoWithoutTheInputsGradient() {
        SplittableRandom random = new SplittableRandom(13);
        int rows = 300;
        for (int width : new int[] {5, 16, 40}) {
            float[] dy = values(random, rows * width, 0.0, 1.0);
            float[] x = values(random, rows * width, 1.0, 2.0);
            float[] mean = values(random, rows, 1.0, 0.5);
            float[] rstd = values(random, rows, 1.0, 0.5);
            float[] gamma = values(random, width, 1.0, 0.5);
            for (LayerNormRows.Rows kernel : implementations()) {
                for (boolean withDx : new boolean[] {false, true}) {
                    float[] dg = new float[width];
                    float[] db = new float[width];
                    float[] dx = withDx ? new float[rows * width] : null;
                    for (int r = 0; r < rows; r++) {
                        kernel.backward(dy, x, gamma, mean[r], rstd[r], r * width, width, dx, dg, db);
                    }
                    for (int f = 0; f < width; f++) {
                        double g = 0;
                        double b = 0;
                        for (int r = 0; r < rows; r++) {
                            g += (double) dy[r * width + f] * ((x[r * width + f] - (double) mean[r]) * rstd[r]);
                            b += dy[r * width + f];
                        }
                        String what = kernel.getClass().getSimpleName() + ", width " + width + ", feature " + f;
                        assertThat((double) dg[f]).as(what).isCloseTo(g, within(1e-4));
                        assertThat((double) db[f]).as(what).isCloseTo(b, within(1e-4));
                    }
                    if (withDx) {
                        float[] each = new float[rows * width];
                        kernel.backward(dy, x, gamma, mean[7], rstd[7], 7 * width, width, each, null, null);
                        for (int f = 0; f < width; f++) {
                            assertThat(dx[7 * width + f]).isEqualTo(each[7 * width + f]);
                        }
                    }
                }
            }
        }
    }

    private static float[] values(SplittableRandom random, int count, double centre, double spread) {
        float[] v = new float[count];
        for (int i = 0; i < count; i++) {
            v[i] = (float) (centre + random.nextDouble(-spread, spread));
        }
        return v;
    }
}
