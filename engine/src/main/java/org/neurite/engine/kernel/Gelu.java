package org.neurite.engine.kernel;

/**
 * The exact GELU, {@code x Phi(x)} with the normal distribution function {@code Phi} from the
 * error function (PyTorch's default form), forward and backward over a run of an array. Runs on
 * the Vector API when the GEMM does (see {@link KernelChoice}): {@code Phi} from {@link Erf}'s
 * series and tail formulas in float lanes, with the lanewise {@code EXP}; else a plain loop over
 * {@link Erf#normalCdf} in double. Either is within a few float ulps of the exact value, also in
 * the lower tail, where {@code Phi} is computed from {@code erfc} and never as {@code 1 + erf}.
 */
public final class Gelu {

    /** {@code 1 / sqrt(2 pi)}, the normal density's factor. */
    static final double INV_SQRT_2PI = 0.3989422804014327;

    private static final Functions FUNCTIONS = KernelChoice.vectorSelected() ? vectorFunctions() : new Plain();

    private Gelu() {
    }

    /**
     * {@code y[i] = x[i] Phi(x[i])} for {@code i in [from, to)}; with {@code cdf} non-null also
     * {@code cdf[i] = Phi(x[i])}, which the backward pass takes.
     */
    public static void forward(float[] x, float[] y, float[] cdf, int from, int to) {
        FUNCTIONS.forward(x, y, cdf, from, to);
    }

    /**
     * {@code dx[i] = g[i] (Phi(x[i]) + x[i] phi(x[i]))} for {@code i in [from, to)}, with {@code Phi} as
     * stored; element {@code i} is read before it is written, so {@code dx} may be {@code g} itself.
     */
    public static void backward(float[] x, float[] cdf, float[] g, float[] dx, int from, int to) {
        FUNCTIONS.backward(x, cdf, g, dx, from, to);
    }

    /** One element of the forward pass, in double. */
    static void forward(float[] x, float[] y, float[] cdf, int i) {
        double phi = Erf.normalCdf(x[i]);
        y[i] = (float) (x[i] * phi);
        if (cdf != null) {
            cdf[i] = (float) phi;
        }
    }

    /** One element of the backward pass, in double. */
    static void backward(float[] x, float[] cdf, float[] g, float[] dx, int i) {
        double v = x[i];
        double pdf = INV_SQRT_2PI * Math.exp(-0.5 * v * v);
        dx[i] = (float) (g[i] * (cdf[i] + v * pdf));
    }

    // Kept apart so that VectorGelu is resolved only when this runs.
    private static Functions vectorFunctions() {
        return new VectorGelu();
    }

    /** The two passes over a run. */
    interface Functions {
        void forward(float[] x, float[] y, float[] cdf, int from, int to);

        void backward(float[] x, float[] cdf, float[] g, float[] dx, int from, int to);
    }

    /** The plain-Java loops. */
    private static final class Plain implements Functions {
        @Override
        public void forward(float[] x, float[] y, float[] cdf, int from, int to) {
            for (int i = from; i < to; i++) {
                Gelu.forward(x, y, cdf, i);
            }
        }

        @Override
        public void backward(float[] x, float[] cdf, float[] g, float[] dx, int from, int to) {
            for (int i = from; i < to; i++) {
                Gelu.backward(x, cdf, g, dx, i);
            }
        }
    }
}
