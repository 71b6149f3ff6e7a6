package org.neurite.engine.ops;

import java.util.Arrays;

import org.neurite.api.Shape;
import org.neurite.engine.tensor.CpuTensor;

/**
 * The running sum along one axis. Each output sums every input before it on the axis, so the
 * gradient of an input sums every output gradient after it: the running sum taken backwards.
 */
public final class CumulativeSum {

    private CumulativeSum() {
    }

    /**
     * @param a the tensor
     * @param axis the axis to sum along, negative counting from the end
     * @return the running sums, accumulated in double precision
     * @throws IllegalArgumentException if the axis is out of range
     */
    public static CpuTensor cumsum(CpuTensor a, int axis) {
        Shape shape = a.shape();
        int ax = Axes.resolve("cumsum", axis, shape);
        int n = shape.dim(ax);
        int outer = Axes.product(shape, 0, ax);
        int inner = Axes.product(shape, ax + 1, shape.rank());
        float[] y = new float[a.size()];
        running(a.data(), y, outer, n, inner, false);
        return CpuTensor.result("cumsum", y, shape, g -> {
            float[] d = new float[g.length];
            running(g, d, outer, n, inner, true);
            a.adoptGrad(d);
        }, a);
    }

    /** Running sums of the {@code [outer, n, inner]} view along {@code n}, from its end when {@code reverse}. */
    private static void running(float[] x, float[] y, int outer, int n, int inner, boolean reverse) {
        double[] sum = new double[inner];
        for (int o = 0; o < outer; o++) {
            Arrays.fill(sum, 0);
            for (int k = 0; k < n; k++) {
                int j = reverse ? n - 1 - k : k;
                int row = (o * n + j) * inner;
                for (int i = 0; i < inner; i++) {
                    sum[i] += x[row + i];
                    y[row + i] = (float) sum[i];
                }
            }
        }
    }
}
