package org.neurite.engine.kernel;

/**
 * Copies a run of values through {@code (x * scale - shift) * factor} and says whether every
 * result is finite: a model's input pre-processing and its check for NaN and infinities in one
 * pass, while the values are in registers (a separate pass to check them cost as much as the
 * copy). Runs on the Vector API when the GEMM does (see {@link KernelChoice}), else a plain loop;
 * both round as {@code (x * scale - shift) * factor} in float does.
 */
public final class ScaledCopy {

    private static final Runs RUNS = KernelChoice.vectorSelected() ? vectorRuns() : new Plain();

    private ScaledCopy() {
    }

    /**
     * {@code dst[dstOff + i] = (src[srcOff + i] * scale - shift) * factor} for {@code i < count}.
     *
     * @return whether every value written is finite
     */
    public static boolean into(float[] src, int srcOff, float[] dst, int dstOff, int count, float scale, float shift,
                               float factor) {
        return RUNS.into(src, srcOff, dst, dstOff, count, scale, shift, factor);
    }

    // Kept apart so that VectorScaledCopy is resolved only when this runs.
    private static Runs vectorRuns() {
        return new VectorScaledCopy();
    }

    /** The copy over a run, as {@link #into}. */
    interface Runs {
        boolean into(float[] src, int srcOff, float[] dst, int dstOff, int count, float scale, float shift, float factor);
    }

    /** The plain-Java loop. */
    static final class Plain implements Runs {
        @Override
        public boolean into(float[] src, int srcOff, float[] dst, int dstOff, int count, float scale, float shift,
                            float factor) {
            float largest = 0f;
            for (int i = 0; i < count; i++) {
                float v = (src[srcOff + i] * scale - shift) * factor;
                dst[dstOff + i] = v;
                largest = Math.max(largest, Math.abs(v));
            }
            return largest <= Float.MAX_VALUE; // false for an infinity, and for NaN (Math.max keeps it)
        }
    }
}
