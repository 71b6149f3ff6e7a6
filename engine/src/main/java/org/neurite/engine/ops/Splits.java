package org.neurite.engine.ops;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.neurite.api.Tensor;
import org.neurite.engine.tensor.CpuTensor;

/** Cutting a tensor into consecutive pieces along one axis; each piece is a {@link ShapeOps#slice slice}. */
public final class Splits {

    private Splits() {
    }

    /**
     * @param a the tensor
     * @param size the length of every piece but the last, which takes the rest; at least 1
     * @param axis the axis to cut, negative counting from the end
     * @return {@code ceil(length / size)} pieces (one empty piece for an empty axis)
     * @throws IllegalArgumentException if the size is below 1 or the axis is out of range
     */
    public static List<Tensor> split(CpuTensor a, int size, int axis) {
        int ax = Axes.resolve("split", axis, a.shape());
        if (size < 1) {
            throw new IllegalArgumentException("split: piece size " + size + " must be at least 1 (shape "
                    + a.shape() + ", axis " + axis + ")");
        }
        return pieces(a, ax, size);
    }

    /**
     * @param a the tensor
     * @param sizes the lengths of the pieces, each at least 0, summing to the axis' length
     * @param axis the axis to cut, negative counting from the end
     * @return one piece per length
     * @throws IllegalArgumentException if a length is negative, they do not sum to the axis' length,
     *     or the axis is out of range
     */
    public static List<Tensor> split(CpuTensor a, int[] sizes, int axis) {
        int ax = Axes.resolve("split", axis, a.shape());
        int n = a.shape().dim(ax);
        int total = 0;
        for (int s : sizes) {
            if (s < 0) {
                throw new IllegalArgumentException("split: negative length in " + Arrays.toString(sizes) + " (shape "
                        + a.shape() + ", axis " + axis + ")");
            }
            total += s;
        }
        if (total != n) {
            throw new IllegalArgumentException("split: lengths " + Arrays.toString(sizes) + " sum to " + total
                    + ", but axis " + axis + " of shape " + a.shape() + " has length " + n);
        }
        List<Tensor> out = new ArrayList<>(sizes.length);
        int start = 0;
        for (int s : sizes) {
            out.add(ShapeOps.slice(a, ax, start, start + s));
            start += s;
        }
        return out;
    }

    /**
     * @param a the tensor
     * @param chunks the number of pieces wanted, at least 1
     * @param axis the axis to cut, negative counting from the end
     * @return pieces of {@code ceil(length / chunks)}, the last one shorter, so possibly fewer
     *     than {@code chunks}, as {@code torch.chunk}
     * @throws IllegalArgumentException if {@code chunks} is below 1 or the axis is out of range
     */
    public static List<Tensor> chunk(CpuTensor a, int chunks, int axis) {
        int ax = Axes.resolve("chunk", axis, a.shape());
        if (chunks < 1) {
            throw new IllegalArgumentException("chunk: " + chunks + " chunks; at least 1 is needed (shape "
                    + a.shape() + ", axis " + axis + ")");
        }
        int n = a.shape().dim(ax);
        return pieces(a, ax, Math.max(1, (n + chunks - 1) / chunks));
    }

    private static List<Tensor> pieces(CpuTensor a, int axis, int size) {
        int n = a.shape().dim(axis);
        List<Tensor> out = new ArrayList<>();
        int start = 0;
        do {
            int end = Math.min(n, start + size);
            out.add(ShapeOps.slice(a, axis, start, end));
            start = end;
        } while (start < n);
        return out;
    }
}
