package org.neurite.engine.ops;

import java.util.Arrays;

import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;
import org.neurite.engine.tensor.CpuTensor;

/** Stretching axes of length 1 to a larger shape, as {@code torch.expand}; its backward sums them back. */
public final class Expand {

    private Expand() {
    }

    /**
     * @param a the tensor
     * @param dims the new shape, of at least {@code a}'s rank; {@code -1} keeps the length of one
     *     of {@code a}'s axes (aligned at the last axis)
     * @return {@code a} broadcast to the new shape, as a copy
     * @throws ShapeMismatchException if {@code a} does not broadcast to it, naming both shapes
     */
    public static CpuTensor expand(CpuTensor a, int... dims) {
        Shape from = a.shape();
        int lead = dims.length - from.rank();
        if (lead < 0) {
            throw new ShapeMismatchException("expand: " + Arrays.toString(dims) + " has fewer axes than the shape "
                    + from);
        }
        int[] d = dims.clone();
        for (int i = 0; i < d.length; i++) {
            if (d[i] == -1 && i >= lead) {
                d[i] = from.dim(i - lead);
            } else if (d[i] < 0) {
                throw new ShapeMismatchException("expand: length " + d[i] + " at position " + i + " of "
                        + Arrays.toString(dims) + " for shape " + from + " (-1 keeps an existing axis only)");
            }
        }
        Shape to = Shape.of(d);
        Broadcast plan = Broadcast.to("expand", to, from);
        return CpuTensor.result("expand", plan.expand(0, a.data()), to, g -> a.adoptGrad(plan.reduce(0, g)), a);
    }
}
