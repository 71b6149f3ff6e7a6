package org.neurite.engine.kernel;

/**
 * Sums and dot products over one run of an array read at several shifts: the inner loops of a
 * direct convolution, where each kernel tap reads the same padded image shifted by its offset.
 * Runs on the Vector API when the GEMM does (see {@link KernelChoice}), else plain loops. (The JIT
 * of Java 17 does not vectorise a loop that reads and writes two arrays at different offsets, so
 * the plain loops run one element at a time.)
 */
public final class ShiftedRuns {

    private static final Functions FUNCTIONS = KernelChoice.vectorSelected() ? vectorFunctions() : new Plain();

    private ShiftedRuns() {
    }

    /**
     * {@code out[outOff + q] = base + sum over t of w[wOff + t] * x[shifts[t] + q]} for
     * {@code q < len}: one output channel of a direct convolution, every tap added in registers.
     *
     * @param w the weights, one per shift
     * @param wOff the first weight
     * @param shifts where each tap's run starts in {@code x}
     * @param x the values read
     * @param base added to every sum (the bias)
     * @param out receives the sums
     * @param outOff where they start
     * @param len the run's length
     */
    public static void weightedSum(float[] w, int wOff, int[] shifts, float[] x, float base, float[] out, int outOff,
                                   int len) {
        FUNCTIONS.weightedSum(w, wOff, shifts, x, base, out, outOff, len);
    }

    /**
     * {@code out[outOff + t] += sum over q < len of a[aOff + q] * x[shifts[t] + q]}: the weight
     * gradient of one output channel of a direct convolution over one image.
     *
     * @param a the run every shifted run is multiplied with (the output's gradient)
     * @param aOff where it starts
     * @param shifts where each tap's run starts in {@code x}
     * @param x the values read
     * @param out receives one sum per shift, added
     * @param outOff where they start
     * @param len the run's length
     */
    public static void dots(float[] a, int aOff, int[] shifts, float[] x, float[] out, int outOff, int len) {
        FUNCTIONS.dots(a, aOff, shifts, x, out, outOff, len);
    }

    // Kept apart so that VectorShiftedRuns is resolved only when this runs.
    private static Functions vectorFunctions() {
        return new VectorShiftedRuns();
    }

    /** The two loops. */
    interface Functions {
        void weightedSum(float[] w, int wOff, int[] shifts, float[] x, float base, float[] out, int outOff, int len);

        void dots(float[] a, int aOff, int[] shifts, float[] x, float[] out, int outOff, int len);
    }

    /** The plain-Java loops. */
    static final class Plain implements Functions {
        @Override
        public void weightedSum(float[] w, int wOff, int[] shifts, float[] x, float base, float[] out, int outOff,
                                int len) {
            java.util.Arrays.fill(out, outOff, outOff + len, base);
            for (int t = 0; t < shifts.length; t++) {
                float wt = w[wOff + t];
                int s = shifts[t];
                for (int q = 0; q < len; q++) {
                    out[outOff + q] += wt * x[s + q];
                }
            }
        }

        @Override
        public void dots(float[] a, int aOff, int[] shifts, float[] x, float[] out, int outOff, int len) {
            for (int t = 0; t < shifts.length; t++) {
                int s = shifts[t];
                // four partial sums: independent additions the processor overlaps
                float s0 = 0f;
                float s1 = 0f;
                float s2 = 0f;
                float s3 = 0f;
                int q = 0;
                for (; q + 3 < len; q += 4) {
                    s0 += a[aOff + q] * x[s + q];
                    s1 += a[aOff + q + 1] * x[s + q + 1];
                    s2 += a[aOff + q + 2] * x[s + q + 2];
                    s3 += a[aOff + q + 3] * x[s + q + 3];
                }
                for (; q < len; q++) {
                    s0 += a[aOff + q] * x[s + q];
                }
                out[outOff + t] += (s0 + s1) + (s2 + s3);
            }
        }
    }
}
