package org.neurite.engine.ops;

import org.neurite.engine.tensor.CpuTensor;

/** The sign of each element. Its gradient is 0 everywhere, so the result is a new leaf rather than a recorded op. */
public final class Sign {

    private Sign() {
    }

    /**
     * @param a the tensor
     * @return -1, 0 or 1 by the sign of each element (NaN stays NaN)
     */
    public static CpuTensor sign(CpuTensor a) {
        float[] x = a.data();
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = Math.signum(x[i]);
        }
        return CpuTensor.wrap(y, a.shape());
    }
}
