package org.neurite.engine.ops;

import java.util.Arrays;

import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;
import org.neurite.engine.kernel.Gemm;
import org.neurite.engine.kernel.Parallel;
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
        return product("matmul", a, b, false);
    }

    /**
     * {@code a x b^T} over the last two axes, {@code [..., m, k] x [..., n, k] -> [..., m, n]},
     * without copying the transpose: the product of a dense layer with a PyTorch-layout weight
     * {@code [out, in]}. Batch axes broadcast as in {@link #matmul}; a 1-D {@code a} is a row vector.
     *
     * @param a the left operand, rank at least 1
     * @param b the right operand, stored transposed, rank at least 2
     * @return the product
     * @throws ShapeMismatchException if {@code b} has fewer than two axes, the inner dimensions
     *     differ or the batch axes do not broadcast
     */
    public static CpuTensor matmulTransposed(CpuTensor a, CpuTensor b) {
        return matmulTransposed(a, b, null);
    }

    /**
     * {@code a x b^T + bias}, the affine map of a dense layer ({@code x Wᵀ + b} with a PyTorch-layout
     * weight {@code [out, in]}) as one operation: the bias is written into the result before the
     * product is added onto it, so the forward is one GEMM, and the backward skips the gradient of
     * every operand that needs none (such as a model's input).
     *
     * @param a the left operand, rank at least 1
     * @param b the right operand, stored transposed, rank at least 2
     * @param bias {@code [n]}, added to every row of the result, or {@code null}
     * @return the product plus the bias
     * @throws ShapeMismatchException as {@link #matmulTransposed(CpuTensor, CpuTensor)}, or if the
     *     bias is not {@code [n]}
     */
    public static CpuTensor matmulTransposed(CpuTensor a, CpuTensor b, CpuTensor bias) {
        if (b.shape().rank() < 2) {
            throw new ShapeMismatchException("matmulTransposed: " + a.shape() + " x " + b.shape()
                    + "^T: the right operand needs at least two axes");
        }
        return product("matmulTransposed", a, b, bias, true);
    }

    /**
     * {@code a x B + bias} with B packed ahead ({@link org.neurite.engine.kernel.PackedWeights}),
     * for inference: the result records no gradient.
     *
     * @param a the left operand {@code [..., k]}, rank at least 1
     * @param b the packed {@code k x n} right operand
     * @param bias {@code [n]}, added to every row of the result, or {@code null}
     * @return the product plus the bias, {@code [..., n]}
     * @throws ShapeMismatchException if a's last axis is not k or the bias is not {@code [n]}
     */
    public static CpuTensor matmulPacked(CpuTensor a, Gemm.PackedB b, CpuTensor bias) {
        return matmulPacked(a, b, bias, false);
    }

    /**
     * {@code a x B + bias}, clamped at zero where {@code relu}, with B packed ahead: a dense layer
     * with a ReLU in inference as one GEMM ({@link Gemm#linear}), which adds the bias and applies
     * the ReLU as it stores each tile. The result records no gradient.
     *
     * @param a the left operand {@code [..., k]}, rank at least 1
     * @param b the packed {@code k x n} right operand
     * @param bias {@code [n]}, added to every row of the result, or {@code null}
     * @param relu whether to apply {@code max(x, 0)} to the result
     * @return the result, {@code [..., n]}
     * @throws ShapeMismatchException if a's last axis is not k or the bias is not {@code [n]}
     */
    public static CpuTensor matmulPacked(CpuTensor a, Gemm.PackedB b, CpuTensor bias, boolean relu) {
        Shape as = a.shape();
        int k = b.k();
        int n = b.n();
        if (as.rank() == 0 || as.dim(-1) != k) {
            throw new ShapeMismatchException("matmulPacked: " + as + " x [" + k + ", " + n + "]: inner dimensions differ");
        }
        if (bias != null && !bias.shape().equals(Shape.of(n))) {
            throw new ShapeMismatchException("matmulPacked: bias " + bias.shape() + " must be [" + n + "]");
        }
        int[] dims = as.dims();
        dims[dims.length - 1] = n;
        Shape shape = Shape.of(dims);
        float[] out = new float[shape.intSize()];
        Gemm.linear(false, as.intSize() / k, a.data(), 0, k, b, bias == null ? null : bias.data(), relu, out, 0, n);
        return CpuTensor.wrap(out, shape);
    }

    private static CpuTensor product(String name, CpuTensor a, CpuTensor b, boolean transB) {
        return product(name, a, b, null, transB);
    }

    private static CpuTensor product(String name, CpuTensor a, CpuTensor b, CpuTensor bias, boolean transB) {
        Shape as = a.shape();
        Shape bs = b.shape();
        String pair = name + ": " + as + " x " + bs + (transB ? "^T" : "");
        if (as.rank() == 0 || bs.rank() == 0) {
            throw new ShapeMismatchException(pair + ": operands need at least one axis");
        }
        boolean aVector = as.rank() == 1;
        boolean bVector = bs.rank() == 1;
        int m = aVector ? 1 : as.dim(-2);
        int k = as.dim(-1);
        int kb = bVector ? bs.dim(0) : bs.dim(transB ? -1 : -2);
        int n = bVector ? 1 : bs.dim(transB ? -2 : -1);
        if (k != kb) {
            throw new ShapeMismatchException(pair + ": inner dimensions " + k + " and " + kb + " differ");
        }
        if (bias != null && !bias.shape().equals(Shape.of(n))) {
            throw new ShapeMismatchException(pair + ": bias " + bias.shape() + " must be [" + n + "]");
        }
        Shape aBatch = as.sub(0, Math.max(as.rank() - 2, 0));
        Shape bBatch = bs.sub(0, Math.max(bs.rank() - 2, 0));
        Broadcast batches;
        try {
            batches = Broadcast.of(name, aBatch, bBatch);
        } catch (ShapeMismatchException e) {
            throw new ShapeMismatchException(pair + ": batch axes " + aBatch + " and " + bBatch + " do not broadcast");
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
        Product p = new Product(batches, m, n, k, transB, bBatch.size() == 1);
        float[] out = new float[Shape.of(dims).intSize()];
        if (bias != null) {
            fillRows(out, bias.data());
        }
        p.forward(a.data(), b.data(), out, bias == null ? 0f : 1f);
        return CpuTensor.result(name, out, Shape.of(dims), g -> {
            if (a.requiresGrad()) {
                a.accumulateGradWith(da -> p.gradA(g, b.data(), da));
            }
            if (b.requiresGrad()) {
                b.accumulateGradWith(db -> p.gradB(g, a.data(), db));
            }
            if (bias != null && bias.requiresGrad()) {
                bias.accumulateGradWith(sums -> columnSums(g, sums));
            }
        }, a, b, bias);
    }

    /** Copies {@code row} into every row of {@code c}, whose length is a multiple of the row's. */
    private static void fillRows(float[] c, float[] row) {
        for (int off = 0; off < c.length; off += row.length) {
            System.arraycopy(row, 0, c, off, row.length);
        }
    }

    /** Columns one thread sums down the rows at a time: a 64-byte line of each row. */
    private static final int SUM_BLOCK = 16;

    /**
     * Writes the sums of the columns of {@code g}, read as rows of {@code sums.length}, over
     * {@code sums}: the gradient of a bias added to every row. Split over the threads by blocks of
     * columns, each summed down the rows in order, so that the sums do not depend on the thread count.
     */
    private static void columnSums(float[] g, float[] sums) {
        int n = sums.length;
        if (n == 0) {
            return;
        }
        int rows = g.length / n;
        int blocks = (n + SUM_BLOCK - 1) / SUM_BLOCK;
        Parallel.forRange(blocks, Math.max(1, (1 << 14) / Math.max(1, rows * SUM_BLOCK)), (start, end) -> {
            int from = start * SUM_BLOCK;
            int to = Math.min(n, end * SUM_BLOCK);
            Arrays.fill(sums, from, to, 0f);
            for (int off = 0; off < g.length; off += n) {
                for (int j = from; j < to; j++) {
                    sums[j] += g[off + j];
                }
            }
        });
    }

    /**
     * The geometry of one product {@code C = A op(B)}: batch plan, matrix sizes, whether B is
     * stored transposed ({@code [n, k]}). With {@code folded} (B has no batch), the left
     * operand's batch is stacked into one tall {@code [batches * m, k]} matrix, so every step
     * is a single matrix pair; otherwise there is one pair per result batch.
     */
    private record Product(Broadcast batches, int m, int n, int k, boolean transB, boolean folded) {

        private int pairs() {
            return folded ? 1 : batches.shape().intSize();
        }

        /** Rows of each pair's A and C. */
        private int rows() {
            return folded ? batches.shape().intSize() * m : m;
        }

        private int aOffset(int pair) {
            return folded ? 0 : batches.offset(0, pair) * m * k;
        }

        private int bOffset(int pair) {
            return folded ? 0 : batches.offset(1, pair) * k * n;
        }

        private int cOffset(int pair) {
            return pair * m * n;
        }

        /** The row stride of B as stored. */
        private int ldb() {
            return transB ? k : n;
        }

        /** Gradients add up where an operand was broadcast over several pairs. */
        private float gradBeta() {
            return folded ? 0f : 1f;
        }

        /**
         * Readies an array with stale contents to receive a gradient: when the products do not
         * simply overwrite it (several pairs add into it, or there is no product), it starts from zero.
         */
        private void clearFor(float[] grad) {
            if (!folded || trivial()) {
                Arrays.fill(grad, 0f);
            }
        }

        /** Whether the product is empty or all zeros, so every gradient is zero. */
        private boolean trivial() {
            return m == 0 || n == 0 || k == 0;
        }

        /** C = A op(B) + beta C: beta 1 adds onto a bias already written into C. */
        void forward(float[] a, float[] b, float[] c, float beta) {
            for (int i = 0; i < pairs() && !trivial(); i++) {
                Gemm.sgemm(false, transB, rows(), n, k, 1f, a, aOffset(i), k, b, bOffset(i), ldb(),
                        beta, c, cOffset(i), n);
            }
        }

        /** dA = G op(B)^T, written over {@code da}. */
        void gradA(float[] g, float[] b, float[] da) {
            clearFor(da);
            for (int i = 0; i < pairs() && !trivial(); i++) {
                Gemm.sgemm(false, !transB, rows(), k, n, 1f, g, cOffset(i), n, b, bOffset(i), ldb(),
                        gradBeta(), da, aOffset(i), k);
            }
        }

        /** dB = A^T G, or G^T A when B is stored transposed, written over {@code db}. */
        void gradB(float[] g, float[] a, float[] db) {
            clearFor(db);
            for (int i = 0; i < pairs() && !trivial(); i++) {
                if (transB) {
                    Gemm.sgemm(true, false, n, k, rows(), 1f, g, cOffset(i), n, a, aOffset(i), k,
                            gradBeta(), db, bOffset(i), k);
                } else {
                    Gemm.sgemm(true, false, k, n, rows(), 1f, a, aOffset(i), k, g, cOffset(i), n,
                            gradBeta(), db, bOffset(i), n);
                }
            }
        }
    }
}
