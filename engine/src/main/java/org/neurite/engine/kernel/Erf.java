package org.neurite.engine.kernel;

/**
 * The error function and the standard normal distribution function in double precision,
 * accurate to about 1e-11 relative error everywhere (far below float32's resolution), for the
 * exact form of GELU. The JDK has no {@code erf}.
 *
 * <p>Near zero ({@code |z| < 0.5}) it sums the Taylor series of {@code erf(z) / z} in
 * {@code z^2}. Elsewhere it evaluates {@code erfc(z) = t exp(-z^2 + P(t))} with
 * {@code t = 2 / (2 + z)}, where {@code P} is a degree-14 Chebyshev interpolant of
 * {@code log(erfc(z) / t) + z^2} on {@code t in [0, 0.8]} (so {@code z >= 0.5}), fitted
 * against 40-digit values of {@code erfc}. Writing the tail as an exponential keeps the
 * relative accuracy of {@code erfc} for large {@code z}, where {@code 1 - erf(z)} would cancel.
 */
public final class Erf {

    /** {@code 2 / sqrt(pi) * (-1)^m / (m! (2m + 1))}: the series of {@code erf(z) / z} in {@code z^2}. */
    static final double[] TAYLOR = {
        1.1283791670955126, -0.37612638903183754, 0.11283791670955126, -0.026866170645131252,
        0.005223977625442188, -0.0008548327023450853, 0.00012055332981789664, -1.492565035840625e-05,
        1.6462114365889248e-06, -1.6365844691234924e-07, 1.4807192815879218e-08, -1.2290555301717928e-09,
    };

    /** Chebyshev coefficients of {@code log(erfc(z) / t) + z^2} in {@code u = 2.5 t - 1}, {@code t = 2 / (2 + z)}. */
    static final double[] TAIL = {
        -0.7831870727240604, 0.5058947933173407, 0.020165332295700014, -0.004150784270483504,
        -0.0006929393033133969, 8.061304448094754e-05, 2.585099951061161e-05, -2.453241361816562e-06,
        -1.0665628942404415e-06, 1.0956136011191757e-07, 4.618282736247179e-08, -6.3050257902516715e-09,
        -1.9632848488144547e-09, 3.965558589317092e-10, 7.536642420733945e-11,
    };

    static final double SERIES_LIMIT = 0.5;
    private static final double INV_SQRT2 = 0.7071067811865476;

    private Erf() {
    }

    /**
     * @param z any value
     * @return the error function {@code erf(z)}; NaN for NaN
     */
    public static double erf(double z) {
        double a = Math.abs(z);
        if (a < SERIES_LIMIT) {
            return z * series(z * z);
        }
        double e = 1 - tail(a);
        return z < 0 ? -e : e;
    }

    /**
     * @param z any value
     * @return the complementary error function {@code 1 - erf(z)}, accurate in relative terms
     *     also where it is tiny
     */
    public static double erfc(double z) {
        double a = Math.abs(z);
        if (a < SERIES_LIMIT) {
            return 1 - z * series(z * z);
        }
        double t = tail(a);
        return z < 0 ? 2 - t : t;
    }

    /**
     * @param x any value
     * @return the standard normal distribution function {@code Phi(x) = (1 + erf(x / sqrt 2)) / 2},
     *     accurate in relative terms also far in the lower tail
     */
    public static double normalCdf(double x) {
        double z = x * INV_SQRT2;
        double a = Math.abs(z);
        if (a < SERIES_LIMIT) {
            return 0.5 + 0.5 * z * series(z * z);
        }
        double half = 0.5 * tail(a);
        return x < 0 ? half : 1 - half;
    }

    /** {@code erf(z) / z} for {@code z^2 < 0.25}, by Horner's rule. */
    private static double series(double z2) {
        double s = TAYLOR[TAYLOR.length - 1];
        for (int m = TAYLOR.length - 2; m >= 0; m--) {
            s = s * z2 + TAYLOR[m];
        }
        return s;
    }

    /** {@code erfc(z)} for {@code z >= 0.5}, by Clenshaw's recurrence; NaN stays NaN, +inf gives 0. */
    private static double tail(double z) {
        double t = 2 / (2 + z);
        double u = 2.5 * t - 1;
        double u2 = 2 * u;
        double b1 = 0;
        double b2 = 0;
        for (int k = TAIL.length - 1; k >= 1; k--) {
            double b0 = u2 * b1 - b2 + TAIL[k];
            b2 = b1;
            b1 = b0;
        }
        double p = u * b1 - b2 + TAIL[0];
        return t * Math.exp(p - z * z);
    }
}
