package org.neurite.api;

import java.util.function.IntConsumer;

/**
 * The arithmetic of a model run a few positions at a time in inference, on plain row-major
 * {@code float} arrays: the products, normalisations and activations of one generation step.
 * They record nothing for backpropagation and, for one token, allocate nothing and run on the
 * calling thread, since the work of one token (a product of one row with each weight, one query's
 * attention) is far smaller than what creating tensors or handing work to a pool costs; a backend
 * may split a {@link #linear} map of many rows (a prompt) over its threads. A layer that continues
 * sequences with buffers of its own ({@link IncrementalDecoder}) runs its steps on these; the
 * backend runs them on its fastest kernels ({@link Backend#arrayKernels()}).
 *
 * <p>Every matrix is row-major with a leading dimension (the distance between its rows), so
 * that a head's slice of a wider row, or a weight in PyTorch's {@code [out, in]} layout, is used
 * where it lies. Input and output ranges must not overlap unless a method says they may.
 */
public interface ArrayKernels {

    /**
     * A linear layer on consecutive rows, as {@code torch.nn.functional.linear}:
     * {@code y[i, j] = bias[j] + sum over p of x[i, p] w[j, p]}.
     *
     * <p>Shape: x {@code [rows, k]} from {@code xOff}, w {@code [n, k]} from 0 (PyTorch's
     * {@code Linear.weight}), bias {@code [n]}, y {@code [rows, n]} from {@code yOff}.
     *
     * @param x the input rows, contiguous
     * @param xOff where the first row starts
     * @param rows how many rows
     * @param k the input width
     * @param w the weight, one row per output
     * @param bias added to every output row, or {@code null}
     * @param n the output width
     * @param y receives the outputs, contiguous
     * @param yOff where the first output row starts
     */
    void linear(float[] x, int xOff, int rows, int k, float[] w, float[] bias, int n, float[] y, int yOff);

    /**
     * {@link #linear} with the weight stored transposed, as a copy a decoder keeps for its steps:
     * {@code y[i, j] = bias[j] + sum over p of x[i, p] wt[p, j]}. A row's product then runs along
     * the rows of {@code wt} with the outputs held in registers, which suits vector units better
     * than a dot product per output.
     *
     * <p>Shape: x {@code [rows, k]} from {@code xOff}, wt {@code [k, n]} from 0, bias {@code [n]},
     * y {@code [rows, n]} from {@code yOff}.
     *
     * @param x the input rows, contiguous
     * @param xOff where the first row starts
     * @param rows how many rows
     * @param k the input width
     * @param wt the transposed weight, one row per input
     * @param bias added to every output row, or {@code null}
     * @param n the output width
     * @param y receives the outputs, contiguous
     * @param yOff where the first output row starts
     */
    void linearTransposed(float[] x, int xOff, int rows, int k, float[] wt, float[] bias, int n, float[] y, int yOff);

    /**
     * A copy of a weight in the layout {@link #linearPacked} reads, which the backend chooses for
     * products of one or two rows: a decoder makes it once and reads it at every step, where the
     * weights' memory traffic, not the arithmetic, sets the pace. The default is the transposed
     * copy {@link #linearTransposed} reads.
     *
     * <p>Shape: w {@code [n, k]} (PyTorch's {@code Linear.weight}); the copy's length is the
     * backend's.
     *
     * @param w the weight, one row per output
     * @param n the output width
     * @param k the input width
     * @return the weight laid out for {@link #linearPacked}
     */
    default float[] packLinear(float[] w, int n, int k) {
        float[] wt = new float[n * k];
        for (int j = 0; j < n; j++) {
            for (int p = 0; p < k; p++) {
                wt[p * n + j] = w[j * k + p];
            }
        }
        return wt;
    }

    /**
     * {@link #linear} with the weight as {@link #packLinear} laid it out. Each row gives the same
     * values whatever the number of rows; a backend may read each part of the weight once for
     * two rows, so that two sequences stepped together cost little more than one.
     *
     * <p>Shape: x {@code [rows, k]} from {@code xOff}, packed from {@link #packLinear}{@code (w, n, k)},
     * bias {@code [n]}, y {@code [rows, n]} from {@code yOff}.
     *
     * @param x the input rows, contiguous
     * @param xOff where the first row starts
     * @param rows how many rows
     * @param k the input width
     * @param packed the weight from {@link #packLinear}
     * @param bias added to every output row, or {@code null}
     * @param n the output width
     * @param y receives the outputs, contiguous
     * @param yOff where the first output row starts
     */
    default void linearPacked(float[] x, int xOff, int rows, int k, float[] packed, float[] bias, int n, float[] y,
                              int yOff) {
        linearTransposed(x, xOff, rows, k, packed, bias, n, y, yOff);
    }

    /**
     * The multiple of outputs at which {@link #linearPackedColumns} may start a range of columns:
     * the width of a column panel in the layout of {@link #packLinear}. The default layout, a
     * transposed copy, splits at any column.
     *
     * @return the step between the columns a range may start at, at least 1
     */
    default int packedColumnStep() {
        return 1;
    }

    /**
     * {@link #linearPacked} for the outputs {@code [from, to)} of each row only, the others left
     * as they are; each output gets the same value as {@link #linearPacked} gives it. Lets
     * {@link #inLanes lanes} share one product, each writing its own columns.
     *
     * <p>Shape: as {@link #linearPacked}; {@code from} a multiple of {@link #packedColumnStep()},
     * {@code to} one too or {@code n}.
     *
     * @param x the input rows, contiguous
     * @param xOff where the first row starts
     * @param rows how many rows
     * @param k the input width
     * @param packed the weight from {@link #packLinear}
     * @param bias added to every output row, or {@code null}
     * @param n the output width (the distance between output rows)
     * @param from the first output column to compute
     * @param to one past the last
     * @param y receives the outputs, contiguous
     * @param yOff where the first output row starts
     */
    default void linearPackedColumns(float[] x, int xOff, int rows, int k, float[] packed, float[] bias, int n,
                                     int from, int to, float[] y, int yOff) {
        if (from == 0 && to == n) {
            linearPacked(x, xOff, rows, k, packed, bias, n, y, yOff);
            return;
        }
        float[] all = new float[rows * n];
        linearPacked(x, xOff, rows, k, packed, bias, n, all, 0);
        for (int i = 0; i < rows; i++) {
            System.arraycopy(all, i * n + from, y, yOff + i * n + from, to - from);
        }
    }

    /**
     * How many threads {@link #inLanes} runs its parts on at the same time. A step of one token
     * is a few dozen products of one row, each a few microseconds: a backend may keep a second
     * thread ready for them (spinning between parts) where the general pool's hand-off would cost
     * more than it saves. The default is 1.
     *
     * @return the number of lanes, at least 1
     */
    default int lanes() {
        return 1;
    }

    /**
     * Runs {@code part.accept(lane)} for every lane in {@code [0, lanes())}, at the same time
     * where the backend can, and returns when all have returned. The parts must write disjoint
     * ranges. Lane 0 runs on the calling thread; any lane may, when its thread is not ready. An
     * exception thrown by a part is rethrown here. The default runs them in turn.
     *
     * @param part the work of one lane
     */
    default void inLanes(IntConsumer part) {
        for (int lane = 0; lane < lanes(); lane++) {
            part.accept(lane);
        }
    }

    /**
     * One vector against the rows of a matrix: {@code y[j] = sum over p of x[p] m[j, p]}, such as a
     * query's scores against cached keys.
     *
     * <p>Shape: x {@code [k]} from {@code xOff}; m {@code [n, k]} from {@code mOff} with rows
     * {@code ldm} apart; y {@code [n]} from {@code yOff}.
     *
     * @param x the vector
     * @param xOff where it starts
     * @param k its length
     * @param m the matrix
     * @param mOff where its first row starts
     * @param ldm the distance between its rows, at least {@code k}
     * @param n how many rows
     * @param y receives the products
     * @param yOff where they start
     */
    void dots(float[] x, int xOff, int k, float[] m, int mOff, int ldm, int n, float[] y, int yOff);

    /**
     * The rows of a matrix weighted by a vector and summed: {@code y[p] = sum over j of a[j] m[j, p]},
     * such as attention weights applied to cached values.
     *
     * <p>Shape: a {@code [n]} from {@code aOff}; m {@code [n, k]} from {@code mOff} with rows
     * {@code ldm} apart; y {@code [k]} from {@code yOff}.
     *
     * @param a the weights
     * @param aOff where they start
     * @param n how many rows
     * @param m the matrix
     * @param mOff where its first row starts
     * @param ldm the distance between its rows, at least {@code k}
     * @param k the row length
     * @param y receives the sum
     * @param yOff where it starts
     */
    void weightedSum(float[] a, int aOff, int n, float[] m, int mOff, int ldm, int k, float[] y, int yOff);

    /**
     * Layer norm of consecutive rows, as {@code torch.nn.functional.layer_norm} over the last
     * dimension: {@code (x - mean) / sqrt(var + epsilon) gamma + beta}, with the biased variance.
     * {@code y} may be {@code x} at the same offset.
     *
     * <p>Shape: x and y {@code [rows, n]} from their offsets; gamma and beta {@code [n]}.
     *
     * @param x the input rows
     * @param xOff where the first starts
     * @param rows how many rows
     * @param n the row length
     * @param gamma the scale, or {@code null} for 1
     * @param beta the shift, or {@code null} for 0
     * @param epsilon added to the variance
     * @param y receives the normalised rows
     * @param yOff where the first starts
     */
    void layerNorm(float[] x, int xOff, int rows, int n, float[] gamma, float[] beta, float epsilon, float[] y,
                   int yOff);

    /**
     * The exact GELU, {@code x Phi(x)} (PyTorch's default form), in place on {@code x[from, to)}:
     * the same values as {@link Tensor#gelu()}.
     *
     * @param x the values
     * @param from the first index
     * @param to one past the last index
     */
    void gelu(float[] x, int from, int to);

    /**
     * The softmax of a run scaled by {@code scale}, in place, as the attention weights of one
     * query: {@code s[i] = exp(scale s[i] - m) / sum over j of exp(scale s[j] - m)} for
     * {@code i in [from, from + n)}, with {@code m} the largest {@code scale s[j]}. The default is
     * a plain loop.
     *
     * <p>Shape: s {@code [n]} from {@code from}.
     *
     * @param s the values
     * @param from the first index
     * @param n how many, at least 1
     * @param scale the factor applied before the softmax
     */
    default void softmax(float[] s, int from, int n, float scale) {
        int end = from + n;
        float max = Float.NEGATIVE_INFINITY;
        for (int j = from; j < end; j++) {
            s[j] *= scale;
            max = Math.max(max, s[j]);
        }
        float sum = 0f;
        for (int j = from; j < end; j++) {
            s[j] = (float) Math.exp(s[j] - max);
            sum += s[j];
        }
        float inv = 1f / sum;
        for (int j = from; j < end; j++) {
            s[j] *= inv;
        }
    }
}
