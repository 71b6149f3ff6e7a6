package org.neurite.api;

import java.util.List;

/**
 * An n-dimensional array of float32 values that takes part in backpropagation.
 *
 * <p>Every operation returns a new tensor and leaves its operands unchanged. When any operand
 * {@link #requiresGrad() requires a gradient} (and gradients are not switched off with
 * {@link Backend#noGrad()}), the operation is recorded, and {@link #backward()} on a scalar
 * result later adds d(result)/d(operand) into the {@link #grad() gradient} of every such
 * operand. Gradients accumulate over several backward passes until they are reset.
 *
 * <p>Binary arithmetic broadcasts as NumPy and PyTorch do: shapes are aligned at their last
 * axis, and an axis of length 1 (or a missing leading axis) stretches to the other's length.
 * Shapes that do not broadcast raise a {@link ShapeMismatchException} naming both.
 *
 * <p>Axes may be negative, counting from the end ({@code -1} is the last axis).
 */
public interface Tensor {

    // ---- identity and data -------------------------------------------------------------

    /** @return the shape of this tensor */
    Shape shape();

    /** @return the number of dimensions, {@code shape().rank()} */
    default int rank() {
        return shape().rank();
    }

    /** @return the length of one axis, {@code shape().dim(axis)} */
    default int dim(int axis) {
        return shape().dim(axis);
    }

    /** @return the backend that created this tensor, for operations that are not methods here */
    Backend backend();

    /**
     * Returns one element.
     *
     * @param index one index per axis
     * @return the element
     * @throws IllegalArgumentException if the number of indices or an index is out of range
     */
    float get(int... index);

    /**
     * Returns the value of a tensor with exactly one element.
     *
     * @return the single value
     * @throws IllegalStateException if the tensor holds more than one element
     */
    float item();

    /** @return a copy of all elements in row-major order */
    float[] toArray();

    // ---- autodiff ----------------------------------------------------------------------

    /** @return whether gradients flow back into this tensor */
    boolean requiresGrad();

    /**
     * Computes the gradients of this scalar with respect to every tensor it was computed from
     * that requires one, and adds them into their {@link #grad()}.
     *
     * @throws IllegalStateException if this tensor is not a scalar or was not computed from
     *     any tensor that requires a gradient
     */
    void backward();

    /**
     * Backpropagates from a tensor of any shape, given d(loss)/d(this).
     *
     * @param gradient the gradient flowing into this tensor; same shape as this tensor
     */
    void backward(Tensor gradient);

    /** @return the accumulated gradient, of this tensor's shape, or {@code null} if none has arrived */
    Tensor grad();

    /** @return a tensor with the same values that is cut off from the graph: no gradient flows through it */
    Tensor detach();

    // ---- arithmetic (broadcasting) -----------------------------------------------------

    /** @return {@code this + other}, broadcast */
    Tensor add(Tensor other);

    /** @return {@code this + value} */
    Tensor add(float value);

    /** @return {@code this - other}, broadcast */
    Tensor sub(Tensor other);

    /** @return {@code this - value} */
    Tensor sub(float value);

    /** @return {@code this * other}, elementwise, broadcast */
    Tensor mul(Tensor other);

    /** @return {@code this * value} */
    Tensor mul(float value);

    /** @return {@code this / other}, elementwise, broadcast */
    Tensor div(Tensor other);

    /** @return {@code this / value} */
    Tensor div(float value);

    /** @return {@code -this} */
    Tensor neg();

    /**
     * Matrix product. For two 2-D tensors {@code [m, k] x [k, n] -> [m, n]}. With more axes
     * the last two are the matrices and the leading (batch) axes broadcast; a 1-D operand is
     * treated as a row (left) or column (right) vector and its axis is dropped from the result.
     *
     * @param other the right operand
     * @return the product
     * @throws ShapeMismatchException if the inner dimensions differ or batch axes do not broadcast
     */
    Tensor matmul(Tensor other);

    // ---- reductions --------------------------------------------------------------------

    /** @return the sum of all elements, as a scalar */
    Tensor sum();

    /**
     * Sums over the given axes.
     *
     * @param keepDims whether reduced axes stay as length 1
     * @param axes the axes to reduce; none means all
     * @return the reduced tensor
     */
    Tensor sum(boolean keepDims, int... axes);

    /** @return the mean of all elements, as a scalar */
    Tensor mean();

    /**
     * Averages over the given axes.
     *
     * @param keepDims whether reduced axes stay as length 1
     * @param axes the axes to reduce; none means all
     * @return the reduced tensor
     */
    Tensor mean(boolean keepDims, int... axes);

    /**
     * The maximum along one axis. The gradient flows to the first maximal element.
     *
     * @param axis the axis to reduce
     * @param keepDims whether the reduced axis stays as length 1
     * @return the maxima
     */
    Tensor max(int axis, boolean keepDims);

    /**
     * The index of the maximum along one axis (the first one on ties), as float values.
     * Not differentiable.
     *
     * @param axis the axis to reduce
     * @return the indices, with that axis removed
     */
    Tensor argmax(int axis);

    // ---- shape -------------------------------------------------------------------------

    /**
     * The same elements in a new shape. One dimension may be {@code -1}, inferred from the rest.
     *
     * @param dims the new dimensions
     * @return the reshaped tensor
     * @throws ShapeMismatchException if the sizes differ
     */
    Tensor reshape(int... dims);

    /** @return this tensor with two axes swapped */
    Tensor transpose(int axis1, int axis2);

    /**
     * Reorders the axes: result axis {@code i} is this tensor's axis {@code order[i]}.
     *
     * @param order a permutation of the axes
     * @return the permuted tensor
     */
    Tensor permute(int... order);

    /**
     * The elements with index {@code start <= i < end} along one axis.
     *
     * @param axis the axis to cut
     * @param start first index kept
     * @param end one past the last index kept
     * @return the slice
     */
    Tensor slice(int axis, int start, int end);

    /**
     * Picks elements along one axis by index, as PyTorch's {@code gather}: the result has the
     * index's shape and {@code out[i][j] = this[i][index[i][j]]} for {@code axis = 1}.
     *
     * @param axis the axis to pick along
     * @param index integral indices stored as floats; same rank as this tensor
     * @return the picked elements; gradients flow back to the picked positions
     */
    Tensor gather(int axis, Tensor index);

    // ---- elementwise math --------------------------------------------------------------

    /** @return e to the power of each element */
    Tensor exp();

    /** @return the natural logarithm of each element */
    Tensor log();

    /** @return the square root of each element */
    Tensor sqrt();

    /** @return each element to the given power */
    Tensor pow(float exponent);

    /** @return the absolute value of each element (gradient 0 at 0) */
    Tensor abs();

    /** @return each element limited to {@code [min, max]} (gradient 0 where limited) */
    Tensor clamp(float min, float max);

    // ---- activation functions ----------------------------------------------------------

    /** @return Heaviside step: 1 where the element is {@code >= 0}, else 0 (gradient 0) */
    Tensor step();

    /** @return 1 / (1 + e^-x) */
    Tensor sigmoid();

    /** @return the hyperbolic tangent */
    Tensor tanh();

    /** @return max(0, x) */
    Tensor relu();

    /** @return x where x &gt; 0, else {@code slope * x} */
    Tensor leakyRelu(float slope);

    /** @return x where x &gt; 0, else {@code alpha * (e^x - 1)} */
    Tensor elu(float alpha);

    /** @return the Gaussian error linear unit, exact form {@code x * Phi(x)} */
    Tensor gelu();

    /** @return x * sigmoid(x) (also called swish) */
    Tensor silu();

    /** @return log(1 + e^x), computed stably */
    Tensor softplus();

    // ---- generic ops (api 0.2) ---------------------------------------------------------

    /** @return the sine of each element */
    Tensor sin();

    /** @return the cosine of each element */
    Tensor cos();

    /** @return -1, 0 or 1 by the sign of each element (NaN stays NaN); gradient 0 */
    Tensor sign();

    /**
     * The larger of two values, elementwise and broadcast. Where they are equal the gradient is
     * shared half and half, as in PyTorch.
     *
     * @param other the other operand
     * @return {@code max(this, other)}
     * @throws ShapeMismatchException if the shapes do not broadcast
     */
    Tensor maximum(Tensor other);

    /**
     * The smaller of two values, elementwise and broadcast; ties share the gradient as
     * {@link #maximum} does.
     *
     * @param other the other operand
     * @return {@code min(this, other)}
     * @throws ShapeMismatchException if the shapes do not broadcast
     */
    Tensor minimum(Tensor other);

    /** @return a mask, 1 where {@code this > other} and 0 elsewhere, broadcast; not differentiable */
    Tensor gt(Tensor other);

    /** @return a mask, 1 where {@code this >= other}, broadcast; not differentiable */
    Tensor ge(Tensor other);

    /** @return a mask, 1 where {@code this < other}, broadcast; not differentiable */
    Tensor lt(Tensor other);

    /** @return a mask, 1 where {@code this <= other}, broadcast; not differentiable */
    Tensor le(Tensor other);

    /** @return a mask, 1 where {@code this == other}, broadcast; not differentiable */
    Tensor eq(Tensor other);

    /** @return a mask, 1 where {@code this != other} (and where either is NaN), broadcast; not differentiable */
    Tensor ne(Tensor other);

    /** @return a mask, 1 where {@code this > value} */
    default Tensor gt(float value) {
        return gt(backend().scalar(value));
    }

    /** @return a mask, 1 where {@code this >= value} */
    default Tensor ge(float value) {
        return ge(backend().scalar(value));
    }

    /** @return a mask, 1 where {@code this < value} */
    default Tensor lt(float value) {
        return lt(backend().scalar(value));
    }

    /** @return a mask, 1 where {@code this <= value} */
    default Tensor le(float value) {
        return le(backend().scalar(value));
    }

    /** @return a mask, 1 where {@code this == value} */
    default Tensor eq(float value) {
        return eq(backend().scalar(value));
    }

    /** @return a mask, 1 where {@code this != value} */
    default Tensor ne(float value) {
        return ne(backend().scalar(value));
    }

    /**
     * The variance over the given axes: the mean squared distance from the mean, divided by
     * {@code n - 1} when {@code unbiased} (Bessel's correction, PyTorch's default) or by {@code n}.
     *
     * @param unbiased whether to divide by {@code n - 1}
     * @param keepDims whether reduced axes stay as length 1
     * @param axes the axes to reduce; none means all
     * @return the variances
     * @throws IllegalArgumentException if an axis is out of range or given twice
     */
    Tensor var(boolean unbiased, boolean keepDims, int... axes);

    /**
     * The standard deviation, the square root of {@link #var}.
     *
     * @param unbiased whether to divide by {@code n - 1}
     * @param keepDims whether reduced axes stay as length 1
     * @param axes the axes to reduce; none means all
     * @return the standard deviations
     */
    Tensor std(boolean unbiased, boolean keepDims, int... axes);

    /**
     * Cuts this tensor along one axis into pieces of {@code size} (the last one shorter when
     * the length is not a multiple), as {@code torch.split}.
     *
     * @param size the length of each piece, at least 1
     * @param axis the axis to cut
     * @return the pieces, in order; gradients flow back into their parts
     */
    List<Tensor> split(int size, int axis);

    /**
     * Cuts this tensor along one axis into pieces of the given lengths.
     *
     * @param sizes the lengths, each at least 0, summing to the axis' length
     * @param axis the axis to cut
     * @return one piece per length, in order
     * @throws IllegalArgumentException if the lengths do not sum to the axis' length
     */
    List<Tensor> split(int[] sizes, int axis);

    /**
     * Cuts this tensor along one axis into {@code chunks} pieces of {@code ceil(length / chunks)}
     * (the last one shorter; fewer pieces when the length runs out), as {@code torch.chunk}.
     *
     * @param chunks the number of pieces wanted, at least 1
     * @param axis the axis to cut
     * @return the pieces, in order
     */
    List<Tensor> chunk(int chunks, int axis);

    /**
     * Stretches axes of length 1 (and adds leading axes) to a larger shape, as
     * {@code torch.expand}; {@code -1} keeps an axis' length. The gradient sums over the
     * stretched axes.
     *
     * @param dims the new shape, of at least this tensor's rank
     * @return the expanded tensor (a copy)
     * @throws ShapeMismatchException if this tensor does not broadcast to {@code dims}
     */
    Tensor expand(int... dims);

    /**
     * Reverses the order of the elements along the given axes.
     *
     * @param axes the axes to reverse
     * @return the flipped tensor
     */
    Tensor flip(int... axes);

    /**
     * Pads with a constant, on each side of each axis by its own width.
     *
     * @param before per axis, the number of elements added before the first one, each at least 0
     * @param after per axis, the number added after the last one, each at least 0
     * @param value the value of the added elements
     * @return the padded tensor; the gradient of the original elements flows back
     * @throws IllegalArgumentException if the arrays do not have one entry per axis or a width is negative
     */
    Tensor pad(int[] before, int[] after, float value);

    /**
     * Pads one axis with a constant, as {@link #pad(int[], int[], float)}.
     *
     * @param axis the axis to pad
     * @param before the number of elements added before the first one
     * @param after the number added after the last one
     * @param value the value of the added elements
     * @return the padded tensor
     * @throws IllegalArgumentException if the axis is out of range or a width is negative
     */
    default Tensor pad(int axis, int before, int after, float value) {
        int ax;
        try {
            ax = shape().axis(axis);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("pad: " + e.getMessage(), e);
        }
        int[] b = new int[rank()];
        int[] a = new int[rank()];
        b[ax] = before;
        a[ax] = after;
        return pad(b, a, value);
    }

    /**
     * The running sum along one axis: element {@code i} is the sum of elements {@code 0..i}.
     *
     * @param axis the axis to sum along
     * @return the running sums, of this tensor's shape
     */
    Tensor cumsum(int axis);

    /**
     * Keeps the upper triangle of the matrices in the last two axes and sets the rest to 0, as
     * {@code torch.triu}: element {@code (i, j)} is kept where {@code j - i >= diagonal}. On a
     * tensor of ones it makes a mask ({@code diagonal = 1}: the future positions of a causal mask).
     *
     * @param diagonal 0 for the main diagonal, positive above it, negative below
     * @return the masked tensor; gradients flow through the kept elements
     * @throws IllegalArgumentException if the rank is below 2
     */
    Tensor triu(int diagonal);

    /**
     * Keeps the lower triangle, element {@code (i, j)} where {@code j - i <= diagonal}, as
     * {@code torch.tril}; see {@link #triu}.
     *
     * @param diagonal 0 for the main diagonal, positive above it, negative below
     * @return the masked tensor
     * @throws IllegalArgumentException if the rank is below 2
     */
    Tensor tril(int diagonal);

    /** @return the softmax along one axis, as {@link Backend#softmax} */
    default Tensor softmax(int axis) {
        return backend().softmax(this, axis);
    }

    /** @return the log-softmax along one axis, as {@link Backend#logSoftmax} */
    default Tensor logSoftmax(int axis) {
        return backend().logSoftmax(this, axis);
    }

    // ---- gradients of leaves: inputs that require one (gradient checks, adversarial examples) ----

    /**
     * Marks this tensor as requiring a gradient, as PyTorch's {@code x.requires_grad_()}: the
     * operations on it are recorded from now on, and {@link #backward()} adds into its
     * {@link #grad()}. For the inputs of a gradient check, or an input to be perturbed along its
     * gradient (an adversarial example); parameters require one already.
     *
     * <pre>{@code
     * Tensor x = backend.tensor(pixels, Shape.of(1, 784)).requireGrad();
     * loss.compute(model.forward(x, Mode.INFERENCE), label).backward();
     * Tensor direction = x.grad();   // d(loss)/d(x), [1, 784]
     * }</pre>
     *
     * @return this tensor
     * @throws IllegalStateException if this tensor was computed by an operation (only leaves can
     *     be marked; {@link #detach()} gives a leaf with the same values)
     */
    Tensor requireGrad();

    /** Forgets the accumulated gradient: {@link #grad()} is {@code null} until the next backward pass. */
    void zeroGrad();
}
