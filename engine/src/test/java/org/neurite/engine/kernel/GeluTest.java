package org.neurite.engine.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GeluTest {

    /** Every 1/64 from -16 to 16, a run long enough for whole vectors and a tail. */
    private static float[] inputs() {
        float[] x = new float[16 * 128 + 3];
        for (int i = 0; i < x.length; i++) {
            x[i] = -16f + i / 64f;
        }
        return x;
    }

    @Test
    void forwardIsWithinAFewUlpsOfTheDoubleFormulaAlsoInTheLowerTail() {
        float[] x = inputs();
        float[] y = new float[x.length];
        Gelu.forward(x, y, 0, x.length);
        for (int i = 0; i < x.length; i++) {
            double phi = Erf.normalCdf(x[i]);
            double exact = x[i] * phi;
            assertThat(Math.abs(y[i] - exact)).as("gelu(%s)", x[i]).isLessThanOrEqualTo(4e-6 * Math.abs(exact) + 1e-37);
        }
    }

    @Test
    void backwardMatchesTheDerivative() {
        float[] x = inputs();
        float[] y = new float[x.length];
        float[] g = new float[x.length];
        java.util.Arrays.fill(g, 1.5f);
        float[] dx = new float[x.length];
        Gelu.forward(x, y, 0, x.length);
        Gelu.backward(x, y, g, dx, 0, x.length);
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            double exact = 1.5 * (Erf.normalCdf(v) + v * Gelu.INV_SQRT_2PI * Math.exp(-0.5 * v * v));
            assertThat(Math.abs(dx[i] - exact)).as("gelu'(%s)", x[i]).isLessThanOrEqualTo(1e-5 * Math.abs(exact) + 1e-7);
        }
    }

    @Test
    void backwardTakesPhiBackFromTheOutputAlsoAtZeroTinyAndHugeInputs() {
        float[] x = {0f, -0f, 1e-30f, -1e-30f, Float.MIN_VALUE, -Float.MIN_VALUE, 1e-18f, -1e-18f, -1000f, 1000f,
            -14f, -13f, -12f, 12f, 0.5f, -0.5f, 1e-3f, -1e-3f};
        float[] y = new float[x.length];
        float[] g = new float[x.length];
        java.util.Arrays.fill(g, 1f);
        Gelu.forward(x, y, 0, x.length);
        Gelu.backward(x, y, g, g, 0, x.length);
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            double exact = Erf.normalCdf(v) + v * Gelu.INV_SQRT_2PI * Math.exp(-0.5 * v * v);
            assertThat(Math.abs(g[i] - exact)).as("gelu'(%s)", x[i]).isLessThanOrEqualTo(1e-6 * Math.abs(exact) + 1e-30);
        }
    }

    @Test
    void forwardAndTheLimits() {
        float[] x = {Float.NaN, Float.POSITIVE_INFINITY, -1000f, 1000f, 0f, -0f, 1e-30f, -1e-30f,
            1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18};
        float[] y = new float[x.length];
        Gelu.forward(x, y, 0, x.length);
        assertThat(y[0]).isNaN();
        assertThat(y[1]).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(y[2]).isEqualTo(-0f);
        assertThat(y[3]).isEqualTo(1000f);
        assertThat(y[4]).isEqualTo(0f);
    }
}
