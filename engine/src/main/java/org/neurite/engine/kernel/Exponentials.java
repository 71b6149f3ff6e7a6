package org.neurite.engine.kernel;

/**
 * Runs of shifted exponentials, {@code a[i] = exp(a[i] - shift)}, as a softmax takes them, with
 * their sum. On the Vector API when the GEMM is (see {@link KernelChoice}), a vector at a time
 * through its lanewise {@code EXP}; else a plain loop over {@link Math#exp}. {@code exp(-inf)}
 * is 0 either way, so masked entries may be set to {@code -inf} beforehand.
 */
public final class Exponentials {

    private static final Functions FUNCTIONS = KernelChoice.vectorSelected() ? vectorFunctions() : new Plain();

    private Exponentials() {
    }

    /**
     * Replaces {@code a[off .. off+len)} by {@code exp(a[i] - shift)}.
     *
     * @return the sum of the new values
     */
    public static float expShifted(float[] a, int off, int len, float shift) {
        return FUNCTIONS.expShifted(a, off, len, shift);
    }

    // Kept apart so that VectorExponentials is resolved only when this runs.
    private static Functions vectorFunctions() {
        return new VectorExponentials();
    }

    /** The run in one implementation. */
    interface Functions {
        float expShifted(float[] a, int off, int len, float shift);
    }

    /** The plain-Java loop. */
    private static final class Plain implements Functions {
        @Override
        public float expShifted(float[] a, int off, int len, float shift) {
            double sum = 0;
            for (int i = off; i < off + len; i++) {
                float e = (float) Math.exp(a[i] - shift);
                a[i] = e;
                sum += e;
            }
            return (float) sum;
        }
    }
}
