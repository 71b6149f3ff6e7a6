package org.neurite.api;

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
