package org.neurite.engine.ops;

import org.neurite.api.Shape;
import org.neurite.engine.tensor.CpuTensor;

/** Evenly spaced values, as {@code torch.arange}. */
public final class Arange {

    private Arange() {
    }

    /**
     * @param start the first value
     * @param end the bound, not included
     * @param step the distance between values, not 0
     * @return {@code ceil((end - start) / step)} values {@code start + i * step} (none when that
     *     is not positive), computed in double precision
     * @throws IllegalArgumentException if the step is 0 or a bound or the step is not finite
     */
    public static CpuTensor arange(double start, double end, double step) {
        if (!Double.isFinite(start) || !Double.isFinite(end) || !Double.isFinite(step)) {
            throw new IllegalArgumentException("arange: start " + start + ", end " + end + " and step " + step
                    + " must be finite");
        }
        if (step == 0) {
            throw new IllegalArgumentException("arange: step must not be 0 (start " + start + ", end " + end + ")");
        }
        double count = Math.ceil((end - start) / step);
        if (count > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("arange: " + (long) count + " values from " + start + " to " + end
                    + " by " + step + " are too many for one tensor");
        }
        int n = (int) Math.max(0, count);
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            y[i] = (float) (start + i * step);
        }
        return CpuTensor.wrap(y, Shape.of(n));
    }
}
