package org.neurite.engine.ops;

import java.util.Arrays;

import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;
import org.neurite.engine.kernel.Gemm;
import org.neurite.engine.tensor.CpuTensor;

/**
 * Matrix products as {@code torch.matmul}: {@code [..., m, k] x [..., k, n] -> [..., m, n]} with
 * broadcast batch axes; a 1-D left operand is a row vector and a 1-D right operand a column
 * vector, and their axis is dropped from the result. Every product, forward and backward, is
 * one {@link Gemm#sgemm} call per matrix pair (transpose flags, never transposed copies); when
 * the right operand has no batch, the left operand's batch folds into its rows and the whole
 * product is a single call.
 */
public final class Matmul {

    private Matmul() {
    }

    /**
     * @param a the left operand, rank at least 1
     * @param b the right operand, rank at least 1
     * @return the product
     * @throws ShapeMismatchException if an operand is a scalar, the inner dimensions differ or
     *     the batch axes do not broadcast
     */
    public static CpuTensor matmul(CpuTensor a, CpuTensor b) {
        Shape as = a.shape();
        Shape bs = b.shape();
        if (as.rank() == 0 || bs.rank() == 0) {
            throw new ShapeMismatchException("matmul: " + as + " x " + bs + ": operands need at least one axis");
        }
        boolean aVector = as.rank() == 1;
        boolean bVector = bs.rank() == 1;
        int m = aVector ? 1 : as.dim(-2);
        int k = as.dim(-1);
        int kb = bVector ? bs.dim(0) : bs.dim(-2);
        int n = bVector ? 1 : bs.dim(-1);
        if (k != kb) {
            throw new ShapeMismatchException("matmul: " + as + " x " + bs + ": inner dimensions " + k + " and "
                    + kb + " differ");
        }
        Shape aBatch = as.sub(0, Math.max(as.rank() - 2, 0));
        Shape bBatch = bs.sub(0, Math.max(bs.rank() - 2, 0));
        Broadcast batches;
        try {
            batches = Broadcast.of("matmul", aBatch, bBatch);
        } catch (ShapeMismatchException e) {
            throw new ShapeMismatchException("matmul: " + as + " x " + bs + ": batch axes " + aBatch + " and "
                    + bBatch + " do not broadcast");
        }
        int[] dims = batches.shape().dims();
        int rank = dims.length;
        dims = Arrays.copyOf(dims, rank + (aVector ? 0 : 1) + (bVector ? 0 : 1));
        if (!aVector) {
            dims[rank++] = m;
        }
        if (!bVector) {
            dims[rank] = n;
        }
        Product p = new Product(batches, m, n, k, bBatch.size() == 1);
        float[] out = new float[Shape.of(dims).intSize()];
        p.forward(a.data(), b.data(), out);
        return CpuTensor.result("matmul", out, Shape.of(dims), g -> {
            if (a.requiresGrad()) {
                a.adoptGrad(p.gradA(g, b.data(), a.size()));
            }
            if (b.requiresGrad()) {
                b.adoptGrad(p.gradB(g, a.data(), b.size()));
            }
        }, a, b);
    }

    /**
     * The geometry of one product: batch plan and matrix sizes. With {@code folded}, the left
     * operand's batch is stacked into one tall {@code [batches * m, k]} matrix.
     */
    private record Product(Broadcast batches, int m, int n, int k, boolean folded) {

        private int count() {
            return batches.shape().intSize();
        }

        /** Whether the product is empty or all zeros, so the zero-filled arrays are already right. */
        private boolean trivial() {
            return m == 0 || n == 0 || k == 0;
        }

        void forward(float[] a, float[] b, float[] c) {
            if (trivial()) {
                return;
            }
            if (folded) {
                Gemm.sgemm(false, false, count() * m, n, k, 1f, a, 0, k, b, 0, n, 0f, c, 0, n);
                return;
            }
            for (int i = 0; i < count(); i++) {
                Gemm.sgemm(false, false, m, n, k, 1f, a, batches.offset(0, i) * m * k, k,
                        b, batches.offset(1, i) * k * n, n, 0f, c, i * m * n, n);
            }
        }

        /** dA = G B^T, summed over the batches that A was broadcast to. */
        float[] gradA(float[] g, float[] b, int size) {
            float[] da = new float[size];
            if (trivial()) {
                return da;
            }
            if (folded) {
                Gemm.sgemm(false, true, count() * m, k, n, 1f, g, 0, n, b, 0, n, 0f, da, 0, k);
                return da;
            }
            for (int i = 0; i < count(); i++) {
                Gemm.sgemm(false, true, m, k, n, 1f, g, i * m * n, n, b, batches.offset(1, i) * k * n, n,
                        1f, da, batches.offset(0, i) * m * k, k);
            }
            return da;
        }

        /** dB = A^T G, summed over the batches that B was broadcast to. */
        float[] gradB(float[] g, float[] a, int size) {
            float[] db = new float[size];
            if (trivial()) {
                return db;
            }
            if (folded) {
                Gemm.sgemm(true, false, k, n, count() * m, 1f, a, 0, k, g, 0, n, 0f, db, 0, n);
                return db;
            }
            for (int i = 0; i < count(); i++) {
                Gemm.sgemm(true, false, k, n, m, 1f, a, batches.offset(0, i) * m * k, k, g, i * m * n, n,
                        1f, db, batches.offset(1, i) * k * n, n);
            }
            return db;
        }
    }
}
