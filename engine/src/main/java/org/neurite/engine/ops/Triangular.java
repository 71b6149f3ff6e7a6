package org.neurite.engine.ops;

import java.util.Arrays;

import org.neurite.api.Shape;
import org.neurite.engine.tensor.CpuTensor;

/**
 * The upper or lower triangle of the matrices in the last two axes, the rest set to 0, as
 * {@code torch.triu} and {@code torch.tril}. The gradient passes through the kept elements,
 * so the backward is the same cut.
 */
public final class Triangular {

    private Triangular() {
    }

    /**
     * @param a a tensor of rank 2 or more
     * @param diagonal element {@code (i, j)} is kept where {@code j - i >= diagonal}
     * @return the upper triangle
     * @throws IllegalArgumentException if the rank is below 2
     */
    public static CpuTensor triu(CpuTensor a, int diagonal) {
        return cut("triu", a, diagonal, true);
    }

    /**
     * @param a a tensor of rank 2 or more
     * @param diagonal element {@code (i, j)} is kept where {@code j - i <= diagonal}
     * @return the lower triangle
     * @throws IllegalArgumentException if the rank is below 2
     */
    public static CpuTensor tril(CpuTensor a, int diagonal) {
        return cut("tril", a, diagonal, false);
    }

    private static CpuTensor cut(String name, CpuTensor a, int diagonal, boolean upper) {
        Shape shape = a.shape();
        if (shape.rank() < 2) {
            throw new IllegalArgumentException(name + ": needs a tensor of rank 2 or more (matrices in the last two"
                    + " axes), got shape " + shape);
        }
        int rows = shape.dim(-2);
        int cols = shape.dim(-1);
        float[] y = a.data().clone();
        zeroOutside(y, rows, cols, diagonal, upper);
        return CpuTensor.result(name, y, shape, g -> {
            zeroOutside(g, rows, cols, diagonal, upper);
            a.adoptGrad(g);
        }, a);
    }

    /** Zeroes, in every {@code [rows, cols]} matrix of {@code x}, the elements outside the triangle. */
    private static void zeroOutside(float[] x, int rows, int cols, int diagonal, boolean upper) {
        if (rows == 0 || cols == 0) {
            return;
        }
        for (int m = 0; m < x.length; m += rows * cols) {
            for (int i = 0; i < rows; i++) {
                // keep j >= i + diagonal (upper) or j <= i + diagonal (lower); clamp the boundary to the row
                long boundary = (long) i + diagonal;
                int from = upper ? 0 : (int) Math.max(0, Math.min(cols, boundary + 1));
                int to = upper ? (int) Math.max(0, Math.min(cols, boundary)) : cols;
                Arrays.fill(x, m + i * cols + from, m + i * cols + to, 0f);
            }
        }
    }
}
