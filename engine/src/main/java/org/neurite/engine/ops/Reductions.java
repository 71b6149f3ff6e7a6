package org.neurite.engine.ops;

import org.neurite.api.Shape;
import org.neurite.engine.tensor.CpuTensor;

/**
 * Sums and means over any axes, and maxima along one axis. A sum is the reverse of a
 * broadcast, so it runs on {@link Broadcast}'s plan: the kept-dims result stretched over the
 * input; its backward is the stretch itself.
 */
public final class Reductions {

    private Reductions() {
    }

    /**
     * @param a the tensor
     * @param keepDims whether reduced axes stay as length 1
     * @param axes the axes to sum over, negative counting from the end; none means all
     * @return the sums
     * @throws IllegalArgumentException if an axis is out of range or given twice
     */
    public static CpuTensor sum(CpuTensor a, boolean keepDims, int... axes) {
        return reduce("sum", a, keepDims, axes, false);
    }

    /**
     * @param a the tensor
     * @param keepDims whether reduced axes stay as length 1
     * @param axes the axes to average over, negative counting from the end; none means all
     * @return the means
     * @throws IllegalArgumentException if an axis is out of range or given twice
     */
    public static CpuTensor mean(CpuTensor a, boolean keepDims, int... axes) {
        return reduce("mean", a, keepDims, axes, true);
    }

    private static CpuTensor reduce(String name, CpuTensor a, boolean keepDims, int[] axes, boolean mean) {
        ReducedAxes geometry = ReducedAxes.of(name, a.shape(), keepDims, axes);
        Shape outShape = geometry.shape();
        long count = geometry.count();
        Broadcast plan = geometry.plan();
        float[] y = plan.reduce(0, a.data());
        float scale = mean ? 1f / count : 1f;
        if (mean) {
            for (int i = 0; i < y.length; i++) {
                y[i] *= scale;
            }
        }
        return CpuTensor.result(name, y, outShape, g -> {
            float[] d = plan.expand(0, g);
            if (mean) {
                for (int i = 0; i < d.length; i++) {
                    d[i] *= scale;
                }
            }
            a.adoptGrad(d);
        }, a);
    }

    /**
     * The maximum along one axis; the gradient flows to the first maximal element. NaN counts
     * as the maximum, as in PyTorch.
     *
     * @param a the tensor
     * @param axis the axis, negative counting from the end
     * @param keepDims whether the axis stays as length 1
     * @return the maxima
     * @throws IllegalArgumentException if the axis is out of range or empty
     */
    public static CpuTensor max(CpuTensor a, int axis, boolean keepDims) {
        int ax = Axes.resolve("max", axis, a.shape());
        int[] at = firstMaxima("max", a, ax);
        float[] x = a.data();
        float[] y = new float[at.length];
        for (int i = 0; i < at.length; i++) {
            y[i] = x[at[i]];
        }
        int[] dims = a.shape().dims();
        Shape outShape;
        if (keepDims) {
            dims[ax] = 1;
            outShape = Shape.of(dims);
        } else {
            outShape = without(a.shape(), ax);
        }
        return CpuTensor.result("max", y, outShape, g -> {
            float[] d = new float[x.length];
            for (int i = 0; i < at.length; i++) {
                d[at[i]] += g[i];
            }
            a.adoptGrad(d);
        }, a);
    }

    /**
     * The index of the first maximum along one axis, as float values. Not differentiable.
     *
     * @param a the tensor
     * @param axis the axis, negative counting from the end
     * @return the indices, with the axis removed
     * @throws IllegalArgumentException if the axis is out of range or empty
     */
    public static CpuTensor argmax(CpuTensor a, int axis) {
        int ax = Axes.resolve("argmax", axis, a.shape());
        int[] at = firstMaxima("argmax", a, ax);
        int n = a.shape().dim(ax);
        int inner = Axes.product(a.shape(), ax + 1, a.shape().rank());
        float[] y = new float[at.length];
        for (int i = 0; i < at.length; i++) {
            y[i] = (at[i] / inner) % n;
        }
        return CpuTensor.wrap(y, without(a.shape(), ax));
    }

    private static Shape without(Shape shape, int axis) {
        int[] dims = new int[shape.rank() - 1];
        for (int i = 0, j = 0; i < shape.rank(); i++) {
            if (i != axis) {
                dims[j++] = shape.dim(i);
            }
        }
        return Shape.of(dims);
    }

    /** For every position of the result, the offset in {@code a} of the first maximum along {@code axis}. */
    private static int[] firstMaxima(String op, CpuTensor a, int axis) {
        Shape shape = a.shape();
        int n = shape.dim(axis);
        if (n == 0) {
            throw new IllegalArgumentException(op + ": axis " + axis + " of shape " + shape + " is empty");
        }
        int outer = Axes.product(shape, 0, axis);
        int inner = Axes.product(shape, axis + 1, shape.rank());
        float[] x = a.data();
        int[] at = new int[outer * inner];
        if (inner == 1) { // the last axis: one tight scan per row
            for (int o = 0; o < outer; o++) {
                int base = o * n;
                int best = base;
                for (int j = base + 1; j < base + n; j++) {
                    if (greater(x[j], x[best])) {
                        best = j;
                    }
                }
                at[o] = best;
            }
            return at;
        }
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                at[o * inner + i] = o * n * inner + i;
            }
            for (int j = 1; j < n; j++) {
                int base = (o * n + j) * inner;
                for (int i = 0; i < inner; i++) {
                    int r = o * inner + i;
                    if (greater(x[base + i], x[at[r]])) {
                        at[r] = base + i;
                    }
                }
            }
        }
        return at;
    }

    /** Whether {@code v} beats {@code best}: strictly greater, or the first NaN. */
    private static boolean greater(float v, float best) {
        return v > best || (v != v && best == best);
    }
}
