package org.neurite.engine.ops;

import java.util.Arrays;

import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;
import org.neurite.engine.tensor.CpuTensor;

/** Embedding table lookup; the gradient is scatter-added into the looked-up rows. */
public final class Embedding {

    private Embedding() {
    }

    /**
     * Looks up rows of a table.
     *
     * @param weight the table, {@code [vocabulary, dim]}
     * @param indices integral row numbers stored as floats, of any shape; they get no gradient
     * @return {@code indices.shape + [dim]}
     * @throws ShapeMismatchException if the table is not of rank 2
     * @throws IllegalArgumentException if an index is not integral or outside {@code [0, vocabulary)}
     */
    public static CpuTensor lookup(CpuTensor weight, CpuTensor indices) {
        if (weight.shape().rank() != 2) {
            throw new ShapeMismatchException("embedding: weight " + weight.shape() + " must have rank 2 [vocabulary, dim]");
        }
        int vocabulary = weight.shape().dim(0);
        int dim = weight.shape().dim(1);
        float[] idx = indices.data();
        int[] rows = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            float v = idx[i];
            if (!(v >= 0 && v < vocabulary && v == Math.rint(v))) {
                throw new IllegalArgumentException("embedding: index " + v + " at position "
                        + Arrays.toString(position(i, indices.shape())) + " of indices " + indices.shape()
                        + " is not an integer in [0, " + vocabulary + ") for vocabulary size " + vocabulary);
            }
            rows[i] = (int) v;
        }
        float[] w = weight.data();
        float[] out = new float[rows.length * dim];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(w, rows[i] * dim, out, i * dim, dim);
        }
        int[] outDims = Arrays.copyOf(indices.shape().dims(), indices.shape().rank() + 1);
        outDims[outDims.length - 1] = dim;
        return CpuTensor.result("embedding", out, Shape.of(outDims), dy -> {
            float[] dw = new float[w.length];
            for (int i = 0; i < rows.length; i++) {
                int src = i * dim;
                int dst = rows[i] * dim;
                for (int j = 0; j < dim; j++) {
                    dw[dst + j] += dy[src + j];
                }
            }
            weight.accumulateGrad(dw);
        }, weight);
    }

    /** The multi-index of the flat position {@code flat} in {@code shape}. */
    private static int[] position(int flat, Shape shape) {
        int[] pos = new int[shape.rank()];
        for (int a = shape.rank() - 1; a >= 0; a--) {
            pos[a] = flat % shape.dim(a);
            flat /= shape.dim(a);
        }
        return pos;
    }
}
