package org.neurite.engine.tensor;

import java.util.Arrays;
import java.util.List;

import org.neurite.api.Backend;
import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;
import org.neurite.api.Tensor;
import org.neurite.engine.CpuBackend;
import org.neurite.engine.autograd.Autograd;
import org.neurite.engine.autograd.Backward;
import org.neurite.engine.autograd.GradContribution;
import org.neurite.engine.autograd.GradMode;
import org.neurite.engine.autograd.LayerScope;
import org.neurite.engine.autograd.Node;
import org.neurite.engine.autograd.OpCpuTimes;
import org.neurite.engine.autograd.SpareGradients;
import org.neurite.engine.ops.Activations;
import org.neurite.engine.ops.Comparison;
import org.neurite.engine.ops.CumulativeSum;
import org.neurite.engine.ops.Elementwise;
import org.neurite.engine.ops.Expand;
import org.neurite.engine.ops.Extrema;
import org.neurite.engine.ops.Flip;
import org.neurite.engine.ops.Matmul;
import org.neurite.engine.ops.Moments;
import org.neurite.engine.ops.Padding;
import org.neurite.engine.ops.Reductions;
import org.neurite.engine.ops.ShapeOps;
import org.neurite.engine.ops.Sign;
import org.neurite.engine.ops.Splits;
import org.neurite.engine.ops.Triangular;
import org.neurite.engine.ops.Trigonometric;

/**
 * The engine's tensor: float32 values in one contiguous row-major array, plus what
 * backpropagation needs (whether it requires a gradient, its accumulated gradient, and the
 * recorded operation that produced it). The operations live in {@code org.neurite.engine.ops};
 * the methods here only dispatch to them.
 */
public final class CpuTensor implements Tensor {

    private final float[] data;
    private final Shape shape;
    private boolean requiresGrad;
    private float[] grad;
    /** The array of the gradient {@link #zeroGrad} forgot, kept to receive the next one. */
    private float[] spareGrad;
    private Node node;

    private CpuTensor(float[] data, Shape shape) {
        if (data.length != shape.size()) {
            throw new ShapeMismatchException("tensor: " + data.length + " values do not fill shape " + shape
                    + " (" + shape.size() + " elements)");
        }
        this.data = data;
        this.shape = shape;
    }

    /**
     * Wraps an array without copying it; the caller gives up the array.
     *
     * @param data the values, row-major
     * @param shape the shape, whose size must equal {@code data.length}
     * @return a leaf tensor not requiring a gradient
     */
    public static CpuTensor wrap(float[] data, Shape shape) {
        return new CpuTensor(data, shape);
    }

    /**
     * Creates the result of an operation and records it for backpropagation when gradients are
     * enabled and any input requires one.
     *
     * @param name the operation's name, for error messages
     * @param data the result's values (taken over, not copied)
     * @param shape the result's shape
     * @param backward sends the result's gradient back to the inputs
     * @param inputs the operands
     * @return the result
     */
    public static CpuTensor result(String name, float[] data, Shape shape, Backward backward, CpuTensor... inputs) {
        if (OpCpuTimes.ON) {
            OpCpuTimes.forward(name);
        }
        CpuTensor out = new CpuTensor(data, shape);
        if (GradMode.isEnabled()) {
            int needing = 0;
            for (CpuTensor in : inputs) {
                if (in != null && in.requiresGrad) {
                    needing++;
                }
            }
            if (needing > 0) {
                CpuTensor[] kept = new CpuTensor[needing];
                int k = 0;
                for (CpuTensor in : inputs) {
                    if (in != null && in.requiresGrad) {
                        kept[k++] = in;
                    }
                }
                out.requiresGrad = true;
                out.node = new Node(name, kept, backward, LayerScope.current());
            }
        }
        return out;
    }

    /**
     * Casts an api tensor to the engine's, with a clear message for foreign implementations.
     *
     * @param t a tensor made by this engine
     * @return the same tensor
     */
    public static CpuTensor of(Tensor t) {
        if (t instanceof CpuTensor c) {
            return c;
        }
        throw new IllegalArgumentException("expected a tensor of the CPU engine, got "
                + (t == null ? "null" : t.getClass().getName()));
    }

    // ---- engine-internal access ---------------------------------------------------------

    /** @return the live values array; ops read it, and only optimizers and initializers write it */
    public float[] data() {
        return data;
    }

    /** @return the live gradient array, or null */
    public float[] gradArray() {
        return grad;
    }

    /** @return the operation that produced this tensor, or null for a leaf */
    public Node node() {
        return node;
    }

    /** @return the number of elements */
    public int size() {
        return data.length;
    }

    /**
     * Adds a gradient contribution; the array is not kept.
     *
     * @param g d(loss)/d(this), of this tensor's size
     */
    public void accumulateGrad(float[] g) {
        if (g.length != data.length) {
            throw new IllegalStateException("gradient of " + g.length + " values for tensor " + shape);
        }
        if (grad == null) {
            grad = SpareGradients.take(g.length);
            System.arraycopy(g, 0, grad, 0, g.length);
        } else {
            for (int i = 0; i < g.length; i++) {
                grad[i] += g[i];
            }
        }
    }

    /**
     * Adds a freshly computed gradient contribution that the caller gives up: when none has
     * arrived yet, the array itself becomes the gradient, saving a copy.
     *
     * @param g d(loss)/d(this), of this tensor's size; the caller must not use it afterwards
     */
    public void adoptGrad(float[] g) {
        if (grad == null && g.length == data.length) {
            grad = g;
        } else {
            accumulateGrad(g);
        }
    }

    /**
     * Adds a gradient contribution that is computed in place. The first contribution since the
     * gradient was forgotten is written straight into the gradient's array, reusing the array of
     * the gradient {@link #zeroGrad} forgot, so a parameter receives its gradient step after step
     * without allocating; a later one is computed into a fresh array and added, exactly as
     * {@link #accumulateGrad(float[])} adds.
     *
     * @param contribution writes d(loss)/d(this) over an array of this tensor's size
     */
    public void accumulateGradWith(GradContribution contribution) {
        if (grad == null) {
            float[] target = spareGrad != null ? spareGrad : SpareGradients.take(data.length);
            spareGrad = null;
            contribution.writeInto(target);
            grad = target;
        } else {
            float[] g = SpareGradients.take(data.length);
            contribution.writeInto(g);
            accumulateGrad(g);
            SpareGradients.giveBack(g);
        }
    }

    /** Marks this leaf as requiring a gradient (parameters, inputs of gradient checks). */
    @Override
    public CpuTensor requireGrad() {
        if (node != null) {
            throw new IllegalStateException("only leaf tensors can be marked as requiring a gradient");
        }
        this.requiresGrad = true;
        return this;
    }

    /**
     * Forgets the accumulated gradient. Its array is kept and overwritten by the next gradient
     * that arrives through {@link #accumulateGradWith}, so whoever holds the array from
     * {@link #gradArray()} sees it change then ({@link #grad()} returns a copy).
     */
    @Override
    public void zeroGrad() {
        if (grad != null) {
            spareGrad = grad;
            grad = null;
        }
    }

    /** Called by backpropagation after this intermediate result's gradient was passed on. */
    public void releaseGraph() {
        node = null;
        grad = null;
    }

    // ---- Tensor: identity and data -------------------------------------------------------

    @Override
    public Shape shape() {
        return shape;
    }

    @Override
    public Backend backend() {
        return CpuBackend.instance();
    }

    @Override
    public float get(int... index) {
        if (index.length != shape.rank()) {
            throw new IllegalArgumentException("get: " + index.length + " indices for a tensor of shape " + shape);
        }
        int offset = 0;
        for (int i = 0; i < index.length; i++) {
            int d = shape.dim(i);
            if (index[i] < 0 || index[i] >= d) {
                throw new IllegalArgumentException("get: index " + index[i] + " out of range for axis " + i
                        + " of shape " + shape);
            }
            offset = offset * d + index[i];
        }
        return data[offset];
    }

    @Override
    public float item() {
        if (data.length != 1) {
            throw new IllegalStateException("item(): tensor of shape " + shape + " holds " + data.length
                    + " values, not one");
        }
        return data[0];
    }

    @Override
    public float[] toArray() {
        return data.clone();
    }

    // ---- Tensor: autodiff ----------------------------------------------------------------

    @Override
    public boolean requiresGrad() {
        return requiresGrad;
    }

    @Override
    public void backward() {
        if (data.length != 1) {
            throw new IllegalStateException("backward() needs a scalar, but this tensor has shape " + shape
                    + "; pass the gradient with backward(Tensor)");
        }
        Autograd.backward(this, new float[] {1f});
    }

    @Override
    public void backward(Tensor gradient) {
        CpuTensor g = of(gradient);
        if (!g.shape.equals(shape)) {
            throw new ShapeMismatchException("backward: gradient of shape " + g.shape + " for a tensor of shape " + shape);
        }
        Autograd.backward(this, g.data);
    }

    @Override
    public Tensor grad() {
        return grad == null ? null : wrap(grad.clone(), shape);
    }

    @Override
    public Tensor detach() {
        return wrap(data, shape);
    }

    // ---- Tensor: operations --------------------------------------------------------------

    @Override public Tensor add(Tensor other) { return Elementwise.add(this, of(other)); }
    @Override public Tensor add(float value) { return Elementwise.addScalar(this, value); }
    @Override public Tensor sub(Tensor other) { return Elementwise.sub(this, of(other)); }
    @Override public Tensor sub(float value) { return Elementwise.addScalar(this, -value); }
    @Override public Tensor mul(Tensor other) { return Elementwise.mul(this, of(other)); }
    @Override public Tensor mul(float value) { return Elementwise.mulScalar(this, value); }
    @Override public Tensor div(Tensor other) { return Elementwise.div(this, of(other)); }
    @Override public Tensor div(float value) { return Elementwise.mulScalar(this, 1f / value); }
    @Override public Tensor neg() { return Elementwise.mulScalar(this, -1f); }
    @Override public Tensor matmul(Tensor other) { return Matmul.matmul(this, of(other)); }

    @Override public Tensor sum() { return Reductions.sum(this, false); }
    @Override public Tensor sum(boolean keepDims, int... axes) { return Reductions.sum(this, keepDims, axes); }
    @Override public Tensor mean() { return Reductions.mean(this, false); }
    @Override public Tensor mean(boolean keepDims, int... axes) { return Reductions.mean(this, keepDims, axes); }
    @Override public Tensor max(int axis, boolean keepDims) { return Reductions.max(this, axis, keepDims); }
    @Override public Tensor argmax(int axis) { return Reductions.argmax(this, axis); }

    @Override public Tensor reshape(int... dims) { return ShapeOps.reshape(this, dims); }
    @Override public Tensor transpose(int axis1, int axis2) { return ShapeOps.transpose(this, axis1, axis2); }
    @Override public Tensor permute(int... order) { return ShapeOps.permute(this, order); }
    @Override public Tensor slice(int axis, int start, int end) { return ShapeOps.slice(this, axis, start, end); }
    @Override public Tensor gather(int axis, Tensor index) { return ShapeOps.gather(this, axis, of(index)); }

    @Override public Tensor exp() { return Elementwise.exp(this); }
    @Override public Tensor log() { return Elementwise.log(this); }
    @Override public Tensor sqrt() { return Elementwise.sqrt(this); }
    @Override public Tensor pow(float exponent) { return Elementwise.pow(this, exponent); }
    @Override public Tensor abs() { return Elementwise.abs(this); }
    @Override public Tensor clamp(float min, float max) { return Elementwise.clamp(this, min, max); }

    @Override public Tensor step() { return Activations.step(this); }
    @Override public Tensor sigmoid() { return Activations.sigmoid(this); }
    @Override public Tensor tanh() { return Activations.tanh(this); }
    @Override public Tensor relu() { return Activations.relu(this); }
    @Override public Tensor leakyRelu(float slope) { return Activations.leakyRelu(this, slope); }
    @Override public Tensor elu(float alpha) { return Activations.elu(this, alpha); }
    @Override public Tensor gelu() { return Activations.gelu(this); }
    @Override public Tensor silu() { return Activations.silu(this); }
    @Override public Tensor softplus() { return Activations.softplus(this); }

    // ---- Tensor: generic ops (api 0.2) ---------------------------------------------------

    @Override public Tensor sin() { return Trigonometric.sin(this); }
    @Override public Tensor cos() { return Trigonometric.cos(this); }
    @Override public Tensor sign() { return Sign.sign(this); }
    @Override public Tensor maximum(Tensor other) { return Extrema.maximum(this, of(other)); }
    @Override public Tensor minimum(Tensor other) { return Extrema.minimum(this, of(other)); }
    @Override public Tensor gt(Tensor other) { return Comparison.GT.apply(this, of(other)); }
    @Override public Tensor ge(Tensor other) { return Comparison.GE.apply(this, of(other)); }
    @Override public Tensor lt(Tensor other) { return Comparison.LT.apply(this, of(other)); }
    @Override public Tensor le(Tensor other) { return Comparison.LE.apply(this, of(other)); }
    @Override public Tensor eq(Tensor other) { return Comparison.EQ.apply(this, of(other)); }
    @Override public Tensor ne(Tensor other) { return Comparison.NE.apply(this, of(other)); }
    @Override public Tensor var(boolean unbiased, boolean keepDims, int... axes) { return Moments.var(this, unbiased, keepDims, axes); }
    @Override public Tensor std(boolean unbiased, boolean keepDims, int... axes) { return Moments.std(this, unbiased, keepDims, axes); }
    @Override public List<Tensor> split(int size, int axis) { return Splits.split(this, size, axis); }
    @Override public List<Tensor> split(int[] sizes, int axis) { return Splits.split(this, sizes, axis); }
    @Override public List<Tensor> chunk(int chunks, int axis) { return Splits.chunk(this, chunks, axis); }
    @Override public Tensor expand(int... dims) { return Expand.expand(this, dims); }
    @Override public Tensor flip(int... axes) { return Flip.flip(this, axes); }
    @Override public Tensor pad(int[] before, int[] after, float value) { return Padding.pad(this, before, after, value); }
    @Override public Tensor cumsum(int axis) { return CumulativeSum.cumsum(this, axis); }
    @Override public Tensor triu(int diagonal) { return Triangular.triu(this, diagonal); }
    @Override public Tensor tril(int diagonal) { return Triangular.tril(this, diagonal); }

    @Override
    public String toString() {
        int n = Math.min(data.length, 8);
        String head = Arrays.toString(Arrays.copyOf(data, n));
        return "Tensor" + shape + (requiresGrad ? "(grad)" : "") + " "
                + (n < data.length ? head.substring(0, head.length() - 1) + ", ...]" : head);
    }
}
