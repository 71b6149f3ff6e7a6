package org.neurite.engine.ops;

import java.util.Arrays;

import org.neurite.api.Shape;
import org.neurite.engine.tensor.CpuTensor;

/** Constant padding, each axis widened by its own amounts before and after; the backward cuts the gradient out. */
public final class Padding {

    private Padding() {
    }

    /**
     * @param a the tensor
     * @param before per axis, the number of elements added before the first one, each at least 0
     * @param after per axis, the number added after the last one, each at least 0
     * @param value the value of the added elements
     * @return the padded tensor
     * @throws IllegalArgumentException if the arrays do not have one entry per axis or a width is negative
     */
    public static CpuTensor pad(CpuTensor a, int[] before, int[] after, float value) {
        Shape shape = a.shape();
        int rank = shape.rank();
        if (before.length != rank || after.length != rank) {
            throw new IllegalArgumentException("pad: widths before " + Arrays.toString(before) + " and after "
                    + Arrays.toString(after) + " need one entry per axis of shape " + shape);
        }
        int[] dims = new int[rank];
        for (int i = 0; i < rank; i++) {
            if (before[i] < 0 || after[i] < 0) {
                throw new IllegalArgumentException("pad: negative width on axis " + i + " (before "
                        + Arrays.toString(before) + ", after " + Arrays.toString(after) + ") for shape " + shape);
            }
            dims[i] = shape.dim(i) + before[i] + after[i];
        }
        Shape padded = Shape.of(dims);
        float[] y = new float[padded.intSize()];
        if (value != 0f) {
            Arrays.fill(y, value);
        }
        int[] rows = rowOffsets(shape, padded, before);
        int cols = rank == 0 ? 1 : shape.dim(rank - 1);
        float[] x = a.data();
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(x, r * cols, y, rows[r], cols);
        }
        return CpuTensor.result("pad", y, padded, g -> {
            float[] d = new float[x.length];
            for (int r = 0; r < rows.length; r++) {
                System.arraycopy(g, rows[r], d, r * cols, cols);
            }
            a.adoptGrad(d);
        }, a);
    }

    /** For every row (run along the last axis) of the input, the offset where it starts in the padded result. */
    private static int[] rowOffsets(Shape shape, Shape padded, int[] before) {
        int rank = shape.rank();
        if (rank == 0) {
            return new int[] {0};
        }
        int cols = shape.dim(rank - 1);
        int count = cols == 0 ? 0 : shape.intSize() / cols;
        int[] offsets = new int[count];
        int[] index = new int[rank - 1];
        for (int r = 0; r < count; r++) {
            int offset = 0;
            for (int axis = 0; axis < rank - 1; axis++) {
                offset = offset * padded.dim(axis) + index[axis] + before[axis];
            }
            offsets[r] = offset * padded.dim(rank - 1) + before[rank - 1];
            for (int axis = rank - 2; axis >= 0 && ++index[axis] == shape.dim(axis); axis--) {
                index[axis] = 0;
            }
        }
        return offsets;
    }
}
