package org.neurite.engine.ops;

import java.util.Arrays;

import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;
import org.neurite.engine.tensor.CpuTensor;

/**
 * Reshaping, transposing, permuting, slicing and gathering. Reshape shares the values array
 * (the row-major order does not change); the others copy.
 */
public final class ShapeOps {

    private ShapeOps() {
    }

    /**
     * @param a the tensor
     * @param dims the new dimensions; one may be {@code -1}, inferred from the others
     * @return the same values in the new shape, sharing {@code a}'s array
     * @throws ShapeMismatchException if the sizes differ
     * @throws IllegalArgumentException if more than one dimension is {@code -1} or one is below it
     */
    public static CpuTensor reshape(CpuTensor a, int... dims) {
        int[] d = dims.clone();
        int inferred = -1;
        long known = 1;
        for (int i = 0; i < d.length; i++) {
            if (d[i] == -1 && inferred < 0) {
                inferred = i;
            } else if (d[i] < 0) {
                throw new IllegalArgumentException("reshape: dimension " + d[i] + " at position " + i + " of "
                        + Arrays.toString(dims) + " (only one -1 is allowed) for a tensor of shape " + a.shape());
            } else {
                known *= d[i];
            }
        }
        if (inferred >= 0) {
            if (known == 0 || a.size() % known != 0) {
                throw new ShapeMismatchException("reshape: cannot infer the -1 in " + Arrays.toString(dims)
                        + " for a tensor of shape " + a.shape() + " (" + a.size() + " elements)");
            }
            d[inferred] = (int) (a.size() / known);
            known *= d[inferred];
        }
        if (known != a.size()) {
            throw new ShapeMismatchException("reshape: " + Arrays.toString(dims) + " holds " + known
                    + " elements, but the tensor of shape " + a.shape() + " has " + a.size());
        }
        return CpuTensor.result("reshape", a.data(), Shape.of(d), a::accumulateGrad, a);
    }

    /**
     * @param a the tensor
     * @param axis1 one axis
     * @param axis2 the other
     * @return {@code a} with the two axes swapped
     * @throws IllegalArgumentException if an axis is out of range
     */
    public static CpuTensor transpose(CpuTensor a, int axis1, int axis2) {
        int rank = a.shape().rank();
        int i = Axes.resolve("transpose", axis1, a.shape());
        int j = Axes.resolve("transpose", axis2, a.shape());
        int[] order = new int[rank];
        for (int k = 0; k < rank; k++) {
            order[k] = k;
        }
        order[i] = j;
        order[j] = i;
        return reorder("transpose", a, order);
    }

    /**
     * @param a the tensor
     * @param order a permutation of {@code a}'s axes: result axis {@code i} is axis {@code order[i]}
     * @return the permuted tensor
     * @throws IllegalArgumentException if {@code order} is not a permutation of the axes
     */
    public static CpuTensor permute(CpuTensor a, int... order) {
        int rank = a.shape().rank();
        if (order.length != rank) {
            throw new IllegalArgumentException("permute: order " + Arrays.toString(order) + " has " + order.length
                    + " axes, the tensor of shape " + a.shape() + " has " + rank);
        }
        int[] resolved = new int[rank];
        boolean[] seen = new boolean[rank];
        for (int i = 0; i < rank; i++) {
            resolved[i] = Axes.resolve("permute", order[i], a.shape());
            if (seen[resolved[i]]) {
                throw new IllegalArgumentException("permute: axis " + order[i] + " appears twice in "
                        + Arrays.toString(order) + " for shape " + a.shape());
            }
            seen[resolved[i]] = true;
        }
        return reorder("permute", a, resolved);
    }

    private static CpuTensor reorder(String name, CpuTensor a, int[] order) {
        int rank = order.length;
        int[] dims = new int[rank];
        int[] inverse = new int[rank];
        for (int i = 0; i < rank; i++) {
            dims[i] = a.shape().dim(order[i]);
            inverse[order[i]] = i;
        }
        Shape shape = Shape.of(dims);
        float[] y = permuted(a.data(), a.shape(), order);
        return CpuTensor.result(name, y, shape, g -> a.adoptGrad(permuted(g, shape, inverse)), a);
    }

    /** Copies {@code x} of shape {@code shape} with its axes reordered: result axis {@code i} is axis {@code order[i]}. */
    private static float[] permuted(float[] x, Shape shape, int[] order) {
        int rank = order.length;
        float[] y = new float[x.length];
        if (rank == 0 || x.length == 0) {
            System.arraycopy(x, 0, y, 0, x.length);
            return y;
        }
        if (swapsLastTwo(order)) {
            int r = shape.dim(rank - 2);
            int c = shape.dim(rank - 1);
            for (int m = 0; m < x.length; m += r * c) {
                transposeMatrix(x, m, y, r, c);
            }
            return y;
        }
        int[] dims = new int[rank];
        int[] strides = new int[rank]; // the input's stride along each result axis
        for (int i = 0; i < rank; i++) {
            dims[i] = shape.dim(order[i]);
            strides[i] = Axes.product(shape, order[i] + 1, rank);
        }
        int cols = dims[rank - 1];
        int step = strides[rank - 1];
        int[] counter = new int[rank - 1];
        int from = 0;
        for (int o = 0; o < y.length; o += cols) {
            for (int j = 0; j < cols; j++) {
                y[o + j] = x[from + j * step];
            }
            for (int axis = rank - 2; axis >= 0; axis--) { // advance the outer odometer
                from += strides[axis];
                if (++counter[axis] < dims[axis]) {
                    break;
                }
                from -= counter[axis] * strides[axis];
                counter[axis] = 0;
            }
        }
        return y;
    }

    private static boolean swapsLastTwo(int[] order) {
        int rank = order.length;
        if (rank < 2 || order[rank - 1] != rank - 2 || order[rank - 2] != rank - 1) {
            return false;
        }
        for (int i = 0; i < rank - 2; i++) {
            if (order[i] != i) {
                return false;
            }
        }
        return true;
    }

    /** Transposes the {@code [r, c]} matrix at {@code offset} in tiles, so reads and writes both stay in cache. */
    private static void transposeMatrix(float[] x, int offset, float[] y, int r, int c) {
        final int tile = 32;
        for (int i0 = 0; i0 < r; i0 += tile) {
            int i1 = Math.min(i0 + tile, r);
            for (int j0 = 0; j0 < c; j0 += tile) {
                int j1 = Math.min(j0 + tile, c);
                for (int j = j0; j < j1; j++) {
                    for (int i = i0; i < i1; i++) {
                        y[offset + j * r + i] = x[offset + i * c + j];
                    }
                }
            }
        }
    }

    /**
     * @param a the tensor
     * @param axis the axis to cut, negative counting from the end
     * @param start the first index kept
     * @param end one past the last index kept
     * @return the elements with {@code start <= index < end} along {@code axis}
     * @throws IllegalArgumentException if the axis is out of range or not
     *     {@code 0 <= start <= end <= length}
     */
    public static CpuTensor slice(CpuTensor a, int axis, int start, int end) {
        Shape shape = a.shape();
        int ax = Axes.resolve("slice", axis, shape);
        int n = shape.dim(ax);
        if (start < 0 || start > end || end > n) {
            throw new IllegalArgumentException("slice: range [" + start + ", " + end + ") is out of bounds for axis "
                    + axis + " of length " + n + " in shape " + shape);
        }
        int outer = Axes.product(shape, 0, ax);
        int inner = Axes.product(shape, ax + 1, shape.rank());
        int[] dims = shape.dims();
        dims[ax] = end - start;
        int len = end - start;
        float[] y = new float[outer * len * inner];
        copyBlocks(a.data(), n * inner, start * inner, y, len * inner, 0, outer, len * inner);
        return CpuTensor.result("slice", y, Shape.of(dims), g -> {
            float[] d = new float[a.size()];
            copyBlocks(g, len * inner, 0, d, n * inner, start * inner, outer, len * inner);
            a.adoptGrad(d);
        }, a);
    }

    /**
     * Copies {@code count} blocks of {@code length} values, block {@code b} from
     * {@code src[srcOffset + b * srcStride]} to {@code dst[dstOffset + b * dstStride]}: one
     * position along an axis of {@code [outer, axis, inner]} data is a block of {@code inner}.
     */
    static void copyBlocks(float[] src, int srcStride, int srcOffset, float[] dst, int dstStride, int dstOffset,
                           int count, int length) {
        for (int b = 0; b < count; b++) {
            System.arraycopy(src, srcOffset + b * srcStride, dst, dstOffset + b * dstStride, length);
        }
    }

    /**
     * Picks elements along an axis by index, as {@code torch.gather}: the result has the index's
     * shape, and for {@code axis = 1} {@code out[i][j][k] = a[i][index[i][j][k]][k]}.
     *
     * @param a the tensor
     * @param axis the axis to pick along, negative counting from the end
     * @param index integral indices stored as floats; same rank as {@code a}, and no longer
     *     than {@code a} along every other axis
     * @return the picked elements; gradients add into the picked positions
     * @throws ShapeMismatchException if the index's shape does not fit
     * @throws IllegalArgumentException if the axis is out of range or an index is not an integer
     *     in {@code [0, length)}
     */
    public static CpuTensor gather(CpuTensor a, int axis, CpuTensor index) {
        Shape shape = a.shape();
        Shape is = index.shape();
        int ax = Axes.resolve("gather", axis, shape);
        int rank = shape.rank();
        if (is.rank() != rank) {
            throw new ShapeMismatchException("gather: index of shape " + is + " must have the rank of the input "
                    + shape);
        }
        for (int i = 0; i < rank; i++) {
            if (i != ax && is.dim(i) > shape.dim(i)) {
                throw new ShapeMismatchException("gather: index of shape " + is + " is longer than the input "
                        + shape + " along axis " + i);
            }
        }
        int[] at = gatherOffsets(shape, ax, index);
        float[] x = a.data();
        float[] y = new float[at.length];
        for (int i = 0; i < at.length; i++) {
            y[i] = x[at[i]];
        }
        return CpuTensor.result("gather", y, is, g -> {
            float[] d = new float[x.length];
            for (int i = 0; i < at.length; i++) {
                d[at[i]] += g[i];
            }
            a.adoptGrad(d);
        }, a);
    }

    /** For every index element, the offset of the element of {@code shape} it picks. */
    private static int[] gatherOffsets(Shape shape, int axis, CpuTensor index) {
        int rank = shape.rank();
        int n = shape.dim(axis);
        float[] idx = index.data();
        int[] at = new int[idx.length];
        int[] pos = new int[rank];
        for (int i = 0; i < idx.length; i++) {
            float v = idx[i];
            if (v != (int) v) {
                throw new IllegalArgumentException("gather: index " + v + " is not an integer (axis " + axis
                        + " of shape " + shape + ")");
            }
            if (v < 0 || v >= n) {
                throw new IllegalArgumentException("gather: index " + (int) v + " is out of range for axis " + axis
                        + " of length " + n + " in shape " + shape);
            }
            int offset = 0;
            for (int d = 0; d < rank; d++) {
                offset = offset * shape.dim(d) + (d == axis ? (int) v : pos[d]);
            }
            at[i] = offset;
            for (int d = rank - 1; d >= 0 && ++pos[d] == index.shape().dim(d); d--) {
                pos[d] = 0;
            }
        }
        return at;
    }
}
