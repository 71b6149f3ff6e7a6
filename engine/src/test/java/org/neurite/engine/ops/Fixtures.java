package org.neurite.engine.ops;

import org.neurite.api.Shape;
import org.neurite.engine.GradCheck;
import org.neurite.engine.tensor.CpuTensor;

/** Small tensors for the op tests. */
final class Fixtures {

    private Fixtures() {
    }

    /** @return a tensor of the given values and shape, not requiring a gradient */
    static CpuTensor tensor(float[] values, int... dims) {
        return CpuTensor.wrap(values, Shape.of(dims));
    }

    /** @return uniform values in {@code [low, low + 2)}, for inputs that must stay away from 0 */
    static CpuTensor shifted(long seed, float low, int... dims) {
        CpuTensor t = GradCheck.random(seed, dims);
        float[] v = t.data();
        for (int i = 0; i < v.length; i++) {
            v[i] += low + 1;
        }
        return t;
    }

    /** @return {@code values} as floats, for readable expectations */
    static float[] floats(double... values) {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        return f;
    }
}
