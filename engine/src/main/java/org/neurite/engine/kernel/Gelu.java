package org.neurite.engine.kernel;

/**
 * The exact GELU, {@code x Phi(x)} with the normal distribution function {@code Phi} from the
 * error function (PyTorch's default form), forward and backward over a run of an array. Runs on
 * the Vector API when the GEMM does (see {@link KernelChoice}): {@code Phi} from {@link Erf}'s
 * series and tail formulas in float lanes, with the lanewise {@code EXP}; else a plain loop over
 * {@link Erf#normalCdf} in double. Either is within a few float ulps of the exact value, also in
 * the lower tail, where {@code Phi} is computed from {@code erfc} and never as {@code 1 + erf}.
 * Nothing but the output is kept for the backward pass: it takes {@code Phi(x)} back as
 * {@code y / x} (within two float ulps of the forward's own, as {@code y} is {@code x Phi(x)}
 * rounded once), and {@code 1/2} where {@code |x|} is below {@link #TINY}.
 */
public final class Gelu {

    /** {@code 1 / sqrt(2 pi)}, the normal density's factor. */
    static final double INV_SQRT_2PI = 0.3989422804014327;
    /**
     * Below it in size {@code x Phi(x)} may be subnormal, so {@code y / x} is not {@code Phi}; there
     * {@code Phi(x) = 1/2} to float precision.
     */
    static final float TINY = 0x1p-60f;

    private static final Functions FUNCTIONS = KernelChoice.vectorSelected() ? vectorFunctions() : new Plain();

    private Gelu() {
    }

    /** {@code y[i] = x[i] Phi(x[i])} for {@code i in [from, to)}; {@code y} may be {@code x} itself. */
    public static void forward(float[] x, float[] y, int from, int to) {
        FUNCTIONS.forward(x, y, from, to);
    }

    /**
     * {@code dx[i] = g[i] (Phi(x[i]) + x[i] phi(x[i]))} for {@code i in [from, to)}, with {@code Phi}
     * taken back from the forward's output {@code y}; element {@code i} is read before it is written,
     * so {@code dx} may be {@code g} itself.
     */
    public static void backward(float[] x, float[] y, float[] g, float[] dx, int from, int to) {
        FUNCTIONS.backward(x, y, g, dx, from, to);
    }

    /** One element of the forward pass, in double. */
    static void forward(float[] x, float[] y, int i) {
        y[i] = (float) (x[i] * Erf.normalCdf(x[i]));
    }

    /** One element of the backward pass, in double. */
    static void backward(float[] x, float[] y, float[] g, float[] dx, int i) {
        double v = x[i];
        double cdf = Math.abs(x[i]) < TINY ? 0.5 : (double) y[i] / v;
        double pdf = INV_SQRT_2PI * Math.exp(-0.5 * v * v);
        dx[i] = (float) (g[i] * (cdf + v * pdf));
    }

    // Kept apart so that VectorGelu is resolved only when this runs.
    private static Functions vectorFunctions() {
        return new VectorGelu();
    }

    /** The two passes over a run. */
    interface Functions {
        void forward(float[] x, float[] y, int from, int to);

        void backward(float[] x, float[] y, float[] g, float[] dx, int from, int to);
    }

    /** The plain-Java loops. */
    private static final class Plain implements Functions {
        @Override
        public void forward(float[] x, float[] y, int from, int to) {
            for (int i = from; i < to; i++) {
                Gelu.forward(x, y, i);
            }
        }

        @Override
        public void backward(float[] x, float[] y, float[] g, float[] dx, int from, int to) {
            for (int i = from; i < to; i++) {
                Gelu.backward(x, y, g, dx, i);
            }
        }
    }
}
