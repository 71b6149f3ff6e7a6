package org.neurite.engine.ops;

import org.neurite.engine.tensor.CpuTensor;

/**
 * Variance and standard deviation over any axes. The variance has its own backward,
 * {@code d var / dx = 2 (x - mean) / (n - correction)} (the mean's own gradient sums to zero);
 * the standard deviation is its square root.
 */
public final class Moments {

    private Moments() {
    }

    /**
     * @param a the tensor
     * @param unbiased whether to divide by {@code n - 1} rather than {@code n}
     * @param keepDims whether reduced axes stay as length 1
     * @param axes the axes to reduce, negative counting from the end; none means all
     * @return the variances; NaN where {@code n - 1} is 0 in the unbiased form, as in PyTorch
     * @throws IllegalArgumentException if an axis is out of range or given twice
     */
    public static CpuTensor var(CpuTensor a, boolean unbiased, boolean keepDims, int... axes) {
        ReducedAxes geometry = ReducedAxes.of("var", a.shape(), keepDims, axes);
        Broadcast plan = geometry.plan();
        float[] x = a.data();
        float[] mean = plan.reduce(0, x);
        for (int i = 0; i < mean.length; i++) {
            mean[i] /= geometry.count();
        }
        float[] centred = plan.expand(0, mean);
        float[] squares = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            centred[i] = x[i] - centred[i];
            squares[i] = centred[i] * centred[i];
        }
        float divisor = geometry.count() - (unbiased ? 1 : 0);
        float[] y = plan.reduce(0, squares);
        for (int i = 0; i < y.length; i++) {
            y[i] /= divisor;
        }
        return CpuTensor.result("var", y, geometry.shape(), g -> {
            float[] d = plan.expand(0, g);
            float scale = 2f / divisor;
            for (int i = 0; i < d.length; i++) {
                d[i] *= scale * centred[i];
            }
            a.adoptGrad(d);
        }, a);
    }

    /**
     * @param a the tensor
     * @param unbiased whether the variance divides by {@code n - 1} rather than {@code n}
     * @param keepDims whether reduced axes stay as length 1
     * @param axes the axes to reduce, negative counting from the end; none means all
     * @return the square roots of the {@link #var variances}
     * @throws IllegalArgumentException if an axis is out of range or given twice
     */
    public static CpuTensor std(CpuTensor a, boolean unbiased, boolean keepDims, int... axes) {
        return Elementwise.sqrt(var(a, unbiased, keepDims, axes));
    }
}
