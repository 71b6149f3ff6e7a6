package org.neurite.engine;

import org.neurite.api.Shape;
import org.neurite.engine.tensor.CpuTensor;

/**
 * Small deterministic tensors for tests: given values, shifted random values, and sine inputs
 * that the PyTorch reference scripts rebuild exactly. Random inputs come from
 * {@link GradCheck#random}.
 */
public final class Fixtures {

    private Fixtures() {
    }

    /** @return a tensor of the given values and shape, not requiring a gradient */
    public static CpuTensor tensor(float[] values, int... dims) {
        return CpuTensor.wrap(values, Shape.of(dims));
    }

    /** @return a copy of the values as a tensor of one axis, not requiring a gradient */
    public static CpuTensor vector(float... values) {
        return CpuTensor.wrap(values.clone(), Shape.of(values.length));
    }

    /** @return uniform values in {@code [low, low + 2)}, for inputs that must stay away from 0 */
    public static CpuTensor shifted(long seed, float low, int... dims) {
        CpuTensor t = GradCheck.random(seed, dims);
        float[] v = t.data();
        for (int i = 0; i < v.length; i++) {
            v[i] += low + 1;
        }
        return t;
    }

    /** @return {@code values} as floats, for readable expectations */
    public static float[] floats(double... values) {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        return f;
    }

    /** @return a {@link #sineValues sine} tensor with scale 1 */
    public static CpuTensor sine(double phase, int... dims) {
        return sine(phase, 1.0, dims);
    }

    /** @return a {@link #sineValues sine} tensor with the given scale */
    public static CpuTensor sine(double phase, double scale, int... dims) {
        return CpuTensor.wrap(sineValues(phase, scale, Shape.of(dims).intSize()), Shape.of(dims));
    }

    /**
     * Values the PyTorch reference scripts rebuild exactly: element {@code i} (row-major) is
     * {@code (float) (sin(0.7 * i + phase) * scale)}, as
     * {@code np.sin(np.arange(n) * 0.7 + phase) * scale} cast to float32.
     *
     * @return {@code n} sine values
     */
    public static float[] sineValues(double phase, double scale, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (Math.sin(0.7 * i + phase) * scale);
        }
        return v;
    }
}
