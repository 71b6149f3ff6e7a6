package org.neurite.engine.ops;

import org.neurite.api.Shape;
import org.neurite.engine.tensor.CpuTensor;

/** Reversing the order of elements along some axes; reversing again is its own backward. */
public final class Flip {

    private Flip() {
    }

    /**
     * @param a the tensor
     * @param axes the axes to reverse, negative counting from the end
     * @return the flipped tensor
     * @throws IllegalArgumentException if an axis is out of range or given twice
     */
    public static CpuTensor flip(CpuTensor a, int... axes) {
        Shape shape = a.shape();
        boolean[] flipped = new boolean[shape.rank()];
        for (int axis : axes) {
            int ax = Axes.resolve("flip", axis, shape);
            if (flipped[ax]) {
                throw new IllegalArgumentException("flip: axis " + axis + " given twice for shape " + shape);
            }
            flipped[ax] = true;
        }
        float[] y = reversed(a.data(), shape, flipped);
        return CpuTensor.result("flip", y, shape, g -> a.adoptGrad(reversed(g, shape, flipped)), a);
    }

    /** A copy of {@code x} reversed along each flipped axis, one axis at a time as an {@code [outer, n, inner]} view. */
    private static float[] reversed(float[] x, Shape shape, boolean[] flipped) {
        float[] y = x.clone();
        for (int axis = 0; axis < flipped.length; axis++) {
            if (!flipped[axis]) {
                continue;
            }
            float[] src = y.clone();
            int n = shape.dim(axis);
            int outer = Axes.product(shape, 0, axis);
            int inner = Axes.product(shape, axis + 1, shape.rank());
            for (int o = 0; o < outer; o++) {
                for (int j = 0; j < n; j++) {
                    System.arraycopy(src, (o * n + j) * inner, y, (o * n + n - 1 - j) * inner, inner);
                }
            }
        }
        return y;
    }
}
