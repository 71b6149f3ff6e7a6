package org.neurite.engine.kernel;

/**
 * Loops over one run of an image plane that the convolution's backward pass repeats for every
 * channel of every image: ReLU's mask applied to a gradient while it is summed for the bias, and
 * a run of one array added into another at a different offset (folding im2col columns back).
 * Runs on the Vector API when the GEMM does (see {@link KernelChoice}), else plain loops: the JIT
 * of Java 17 vectorises neither a float sum nor a loop that reads and writes two arrays at
 * different offsets.
 */
public final class PlaneRuns {

    private static final Functions FUNCTIONS = KernelChoice.vectorSelected() ? vectorFunctions() : new Plain();

    private PlaneRuns() {
    }

    /**
     * Multiplies {@code g[off .. off + len)} in place by 1 where {@code positiveWhere} is above 0
     * and by 0 elsewhere (ReLU's backward, which keeps a NaN gradient NaN), if
     * {@code positiveWhere} is given, and returns the sum of the run, always added in the same
     * order.
     *
     * @param g the gradient run, masked in place
     * @param positiveWhere values of {@code g}'s layout whose sign decides, or null to keep all
     * @param off where the run starts in both
     * @param len the run's length
     * @return the sum of the (masked) run
     */
    public static float maskedSum(float[] g, float[] positiveWhere, int off, int len) {
        return FUNCTIONS.maskedSum(g, positiveWhere, off, len);
    }

    /**
     * {@code dst[dstOff + i] += src[srcOff + i]} for {@code i < len}.
     *
     * @param src the values added
     * @param srcOff where they start
     * @param dst added to
     * @param dstOff where the run starts in {@code dst}
     * @param len the run's length
     */
    public static void addTo(float[] src, int srcOff, float[] dst, int dstOff, int len) {
        FUNCTIONS.addTo(src, srcOff, dst, dstOff, len);
    }

    // Kept apart so that VectorPlaneRuns is resolved only when this runs.
    private static Functions vectorFunctions() {
        return new VectorPlaneRuns();
    }

    /** The two loops. */
    interface Functions {
        float maskedSum(float[] g, float[] positiveWhere, int off, int len);

        void addTo(float[] src, int srcOff, float[] dst, int dstOff, int len);
    }

    /** The plain-Java loops. */
    static final class Plain implements Functions {
        @Override
        public float maskedSum(float[] g, float[] positiveWhere, int off, int len) {
            // four partial sums: independent additions the processor overlaps
            float s0 = 0f;
            float s1 = 0f;
            float s2 = 0f;
            float s3 = 0f;
            int end = off + len;
            if (positiveWhere != null) {
                for (int p = off; p < end; p++) {
                    g[p] *= positiveWhere[p] > 0f ? 1f : 0f;
                }
            }
            int p = off;
            for (; p + 3 < end; p += 4) {
                s0 += g[p];
                s1 += g[p + 1];
                s2 += g[p + 2];
                s3 += g[p + 3];
            }
            for (; p < end; p++) {
                s0 += g[p];
            }
            return (s0 + s1) + (s2 + s3);
        }

        @Override
        public void addTo(float[] src, int srcOff, float[] dst, int dstOff, int len) {
            for (int i = 0; i < len; i++) {
                dst[dstOff + i] += src[srcOff + i];
            }
        }
    }
}
