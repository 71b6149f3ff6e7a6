package org.neurite.engine.ops;

import org.neurite.api.Shape;
import org.neurite.engine.tensor.CpuTensor;

/**
 * Deterministic test inputs that the PyTorch reference scripts rebuild exactly:
 * element {@code i} (row-major) is {@code (float) (sin(0.7 * i + phase) * scale)}, as
 * {@code np.sin(np.arange(n) * 0.7 + phase) * scale} cast to float32.
 */
final class SineInput {

    private SineInput() {
    }

    /** @return a sine tensor with scale 1 */
    static CpuTensor tensor(double phase, int... dims) {
        return tensor(phase, 1.0, dims);
    }

    /** @return a sine tensor with the given scale */
    static CpuTensor tensor(double phase, double scale, int... dims) {
        return CpuTensor.wrap(values(phase, scale, Shape.of(dims).intSize()), Shape.of(dims));
    }

    /** @return {@code n} sine values */
    static float[] values(double phase, double scale, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (Math.sin(0.7 * i + phase) * scale);
        }
        return v;
    }
}
