package org.neurite.engine.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.DoubleUnaryOperator;

import org.junit.jupiter.api.Test;

class ErfTest {

    // Reference values: mpmath 1.2.1 at 30 digits, mp.erf, mp.erfc and mp.ncdf, rounded to double.

    @Test
    void erfMatchesHighPrecisionValuesOnBothSidesOfTheSeriesLimit() {
        double[] x = {-6.0, -3.0, -1.0, -0.49, -0.1, 1e-08, 0.3, 0.5, 0.51, 0.9, 1.5, 2.5, 4.0};
        double[] erf = {-1.0, -0.9999779095030014, -0.8427007929497149, -0.511668261188523, -0.1124629160182849,
            1.1283791670955126e-08, 0.3286267594591274, 0.5204998778130465, 0.5292436198411704, 0.7969082124228322,
            0.9661051464753108, 0.999593047982555, 0.9999999845827421};
        assertRelative(Erf::erf, x, erf, 1e-10);
    }

    @Test
    void erfcKeepsItsRelativeAccuracyFarInTheTail() {
        double[] x = {-2, 0.2, 0.5, 1, 3, 5, 10, 20, 26};
        double[] erfc = {1.9953222650189528, 0.7772974107895215, 0.4795001221869535, 0.15729920705028513,
            2.209049699858544e-05, 1.537459794428035e-12, 2.088487583762545e-45, 5.395865611607901e-176,
            5.663192408856143e-296};
        assertRelative(Erf::erfc, x, erfc, 1e-10);
    }

    @Test
    void normalCdfIsAccurateInTheLowerTail() {
        double[] x = {-37, -10, -3, -0.5, 0, 1, 8};
        double[] cdf = {5.725571222524577e-300, 7.619853024160525e-24, 0.0013498980316300946, 0.3085375387259869,
            0.5, 0.8413447460685429, 0.9999999999999993};
        assertRelative(Erf::normalCdf, x, cdf, 1e-10);
    }

    @Test
    void limitsAndNan() {
        assertThat(Erf.erf(Double.POSITIVE_INFINITY)).isEqualTo(1.0);
        assertThat(Erf.erf(Double.NEGATIVE_INFINITY)).isEqualTo(-1.0);
        assertThat(Erf.erfc(Double.POSITIVE_INFINITY)).isEqualTo(0.0);
        assertThat(Erf.normalCdf(Double.NEGATIVE_INFINITY)).isEqualTo(0.0);
        assertThat(Erf.erf(Double.NaN)).isNaN();
        assertThat(Erf.normalCdf(Double.NaN)).isNaN();
    }

    private static void assertRelative(DoubleUnaryOperator f, double[] x, double[] expected, double tolerance) {
        for (int i = 0; i < x.length; i++) {
            double got = f.applyAsDouble(x[i]);
            double err = Math.abs(got - expected[i]) / Math.abs(expected[i]);
            assertThat(err).as("at x = %s: got %s, expected %s", x[i], got, expected[i]).isLessThanOrEqualTo(tolerance);
        }
    }
}
