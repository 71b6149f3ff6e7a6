package org.neurite.engine.kernel;

/**
 * The logistic sigmoid and tanh over a run of an array, in place: the gate nonlinearities of the
 * recurrent kernels. Runs on the Vector API when the GEMM does (see {@link KernelChoice}), where
 * the JIT compiles them to short vector math routines; else a plain loop. {@link Math#tanh} is a
 * native call of some 30 ns per element on Java 17, which made it the largest single cost of an
 * Elman RNN step; the plain loop computes tanh from {@link Math#exp}, which the JIT inlines.
 */
public final class Squashing {

    private static final Functions FUNCTIONS = KernelChoice.vectorSelected() ? vectorFunctions() : new Plain();

    private Squashing() {
    }

    /** {@code a[off .. off+len) = 1 / (1 + exp(-a))}. */
    public static void sigmoid(float[] a, int off, int len) {
        FUNCTIONS.sigmoid(a, off, len);
    }

    /** {@code a[off .. off+len) = tanh(a)}. */
    public static void tanh(float[] a, int off, int len) {
        FUNCTIONS.tanh(a, off, len);
    }

    /** One element's sigmoid, for the tails and the plain loop. */
    static float sigmoid(float v) {
        return (float) (1.0 / (1.0 + Math.exp(-v)));
    }

    /**
     * One element's tanh from exp, {@code 1 - 2 / (exp(2x) + 1)}, in double; near 0, where that
     * difference cancels, its series to the x^5 term. Both are exact to float precision.
     */
    static float tanh(float v) {
        if (Math.abs(v) < 0.01f) {
            double x = v;
            double x2 = x * x;
            return (float) (x * (1.0 - x2 / 3.0 + 2.0 * x2 * x2 / 15.0));
        }
        double e = Math.exp(2.0 * v);
        return (float) (1.0 - 2.0 / (e + 1.0));
    }

    // Kept apart so that VectorSquashing is resolved only when this runs.
    private static Functions vectorFunctions() {
        return new VectorSquashing();
    }

    /** The two functions over a run. */
    interface Functions {
        void sigmoid(float[] a, int off, int len);

        void tanh(float[] a, int off, int len);
    }

    /** The plain-Java loops. */
    private static final class Plain implements Functions {
        @Override
        public void sigmoid(float[] a, int off, int len) {
            for (int i = off, end = off + len; i < end; i++) {
                a[i] = Squashing.sigmoid(a[i]);
            }
        }

        @Override
        public void tanh(float[] a, int off, int len) {
            for (int i = off, end = off + len; i < end; i++) {
                a[i] = Squashing.tanh(a[i]);
            }
        }
    }
}
