package org.neurite.engine;

import static org.assertj.core.api.Assertions.assertThat;

/** Compares float results with reference values computed elsewhere (in double precision). */
public final class Close {

    private Close() {
    }

    /**
     * Asserts {@code |actual - expected| <= relative |expected| + absolute} element by element,
     * with NaN matching only NaN.
     *
     * @param what what is compared, for the failure message
     * @param actual the computed values
     * @param expected the reference values
     * @param relative the relative tolerance
     * @param absolute the absolute tolerance, for values near zero
     */
    public static void assertClose(String what, float[] actual, double[] expected, double relative, double absolute) {
        assertThat(actual).as(what + ": length").hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            double a = actual[i];
            double e = expected[i];
            boolean ok = Double.isNaN(e) ? Double.isNaN(a) : Math.abs(a - e) <= relative * Math.abs(e) + absolute;
            assertThat(ok).as("%s[%d]: got %s, expected %s", what, i, a, e).isTrue();
        }
    }

    /** {@link #assertClose} with a relative tolerance of 1e-6 and an absolute one of 1e-12. */
    public static void assertClose(String what, float[] actual, double... expected) {
        assertClose(what, actual, expected, 1e-6, 1e-12);
    }
}
