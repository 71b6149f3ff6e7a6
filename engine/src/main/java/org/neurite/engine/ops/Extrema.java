package org.neurite.engine.ops;

import org.neurite.engine.tensor.CpuTensor;

/**
 * Elementwise {@code maximum} and {@code minimum} of two broadcast operands. The gradient goes
 * to the operand that was chosen; where both are equal each gets half, as in PyTorch.
 */
public final class Extrema {

    private Extrema() {
    }

    /**
     * @param a one operand
     * @param b the other
     * @return the larger of the two at each position; NaN if either is NaN
     * @throws org.neurite.api.ShapeMismatchException if the shapes do not broadcast
     */
    public static CpuTensor maximum(CpuTensor a, CpuTensor b) {
        return choose("maximum", a, b, true);
    }

    /**
     * @param a one operand
     * @param b the other
     * @return the smaller of the two at each position; NaN if either is NaN
     * @throws org.neurite.api.ShapeMismatchException if the shapes do not broadcast
     */
    public static CpuTensor minimum(CpuTensor a, CpuTensor b) {
        return choose("minimum", a, b, false);
    }

    private static CpuTensor choose(String name, CpuTensor a, CpuTensor b, boolean larger) {
        Broadcast plan = Broadcast.of(name, a.shape(), b.shape());
        float[] x = a.data();
        float[] z = b.data();
        // the share of the gradient operand a receives at each result position: 1, 1/2 or 0
        float[] shareOfA = new float[plan.shape().intSize()];
        float[] y = new float[shareOfA.length];
        int cols = plan.cols();
        int as = plan.step(0);
        int bs = plan.step(1);
        for (int row = 0; row < plan.rows(); row++) {
            int ao = plan.rowStart(0, row);
            int bo = plan.rowStart(1, row);
            int o = row * cols;
            for (int j = 0; j < cols; j++) {
                float u = x[ao + j * as];
                float v = z[bo + j * bs];
                y[o + j] = larger ? Math.max(u, v) : Math.min(u, v);
                shareOfA[o + j] = u == v ? 0.5f : (u > v) == larger ? 1f : 0f;
            }
        }
        return CpuTensor.result(name, y, plan.shape(), g -> {
            if (a.requiresGrad()) {
                float[] d = new float[g.length];
                for (int i = 0; i < d.length; i++) {
                    d[i] = g[i] * shareOfA[i];
                }
                plan.accumulate(0, a, d, true);
            }
            if (b.requiresGrad()) {
                for (int i = 0; i < g.length; i++) {
                    g[i] *= 1f - shareOfA[i];
                }
                plan.accumulate(1, b, g, true);
            }
        }, a, b);
    }
}
