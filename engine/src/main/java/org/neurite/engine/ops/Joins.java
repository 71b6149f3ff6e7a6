package org.neurite.engine.ops;

import java.util.Arrays;
import java.util.List;

import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;
import org.neurite.engine.tensor.CpuTensor;

/**
 * Concatenation along an existing axis and stacking along a new one. Stacking is concatenation
 * of the inputs seen with a length-1 axis inserted, so both share one copy loop and one backward.
 */
public final class Joins {

    private Joins() {
    }

    /**
     * @param tensors at least one tensor; all of one rank and equal outside {@code axis}
     * @param axis the axis to join along, negative counting from the end
     * @return the joined tensor
     * @throws ShapeMismatchException if the shapes differ outside the axis
     * @throws IllegalArgumentException if the list is empty or the axis is out of range
     */
    public static CpuTensor concat(List<CpuTensor> tensors, int axis) {
        Shape first = first("concat", tensors);
        int ax = Axes.resolve("concat", axis, first);
        int[] lengths = new int[tensors.size()];
        int total = 0;
        for (int t = 0; t < lengths.length; t++) {
            Shape s = tensors.get(t).shape();
            boolean fits = s.rank() == first.rank();
            for (int i = 0; i < s.rank() && fits; i++) {
                fits = i == ax || s.dim(i) == first.dim(i);
            }
            if (!fits) {
                throw new ShapeMismatchException("concat: shapes " + first + " and " + s + " differ outside axis "
                        + axis);
            }
            lengths[t] = s.dim(ax);
            total += lengths[t];
        }
        int[] dims = first.dims();
        dims[ax] = total;
        return join("concat", tensors, Shape.of(dims), ax, lengths);
    }

    /**
     * @param tensors at least one tensor, all of one shape
     * @param axis the position of the new axis in the result, in {@code [-rank - 1, rank]}
     * @return the stacked tensor
     * @throws ShapeMismatchException if the shapes differ
     * @throws IllegalArgumentException if the list is empty or the axis is out of range
     */
    public static CpuTensor stack(List<CpuTensor> tensors, int axis) {
        Shape first = first("stack", tensors);
        int ax = Axes.resolve("stack", axis, first.rank() + 1, first);
        for (CpuTensor t : tensors) {
            if (!t.shape().equals(first)) {
                throw new ShapeMismatchException("stack: shapes " + first + " and " + t.shape() + " differ");
            }
        }
        int[] dims = new int[first.rank() + 1];
        for (int i = 0, j = 0; i < dims.length; i++) {
            dims[i] = i == ax ? tensors.size() : first.dim(j++);
        }
        int[] lengths = new int[tensors.size()];
        Arrays.fill(lengths, 1);
        return join("stack", tensors, Shape.of(dims), ax, lengths);
    }

    private static Shape first(String op, List<CpuTensor> tensors) {
        if (tensors.isEmpty()) {
            throw new IllegalArgumentException(op + ": no tensors to join");
        }
        return tensors.get(0).shape();
    }

    /** Lays tensor {@code t} into positions {@code [start_t, start_t + lengths[t])} of the result's {@code axis}. */
    private static CpuTensor join(String name, List<CpuTensor> tensors, Shape shape, int axis, int[] lengths) {
        int outer = Axes.product(shape, 0, axis);
        int inner = Axes.product(shape, axis + 1, shape.rank());
        int total = shape.dim(axis);
        float[] y = new float[shape.intSize()];
        int start = 0;
        for (int t = 0; t < lengths.length; t++) {
            int block = lengths[t] * inner;
            ShapeOps.copyBlocks(tensors.get(t).data(), block, 0, y, total * inner, start * inner, outer, block);
            start += lengths[t];
        }
        return CpuTensor.result(name, y, shape, g -> {
            int from = 0;
            for (int t = 0; t < lengths.length; t++) {
                CpuTensor in = tensors.get(t);
                int block = lengths[t] * inner;
                if (in.requiresGrad()) {
                    float[] d = new float[in.size()];
                    ShapeOps.copyBlocks(g, total * inner, from * inner, d, block, 0, outer, block);
                    in.adoptGrad(d);
                }
                from += lengths[t];
            }
        }, tensors.toArray(new CpuTensor[0]));
    }
}
