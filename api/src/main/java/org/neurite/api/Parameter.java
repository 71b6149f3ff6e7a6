package org.neurite.api;

/**
 * A tensor owned by a layer that is saved with the model: a trainable weight, or a
 * non-trainable buffer such as batch norm's running mean.
 *
 * <p>Optimizers update parameters in place through {@link #data()} and {@link #gradient()},
 * which expose the live row-major storage, as PyTorch's {@code p.data} and {@code p.grad} do.
 */
public interface Parameter {

    /** @return the tensor that takes part in forward passes; it requires a gradient if trainable */
    Tensor value();

    /** @return the shape of the parameter */
    default Shape shape() {
        return value().shape();
    }

    /** @return whether optimizers update this parameter */
    boolean trainable();

    /** @return the live storage of the values, row-major; writes change the parameter */
    float[] data();

    /** @return the live storage of the accumulated gradient, or {@code null} if none has arrived */
    float[] gradient();

    /** Forgets the accumulated gradient, before the next backward pass. */
    void zeroGradient();

    /**
     * Reads the accumulated gradient, as PyTorch's {@code p.grad}.
     *
     * @return a copy of the gradient, of the parameter's shape, or {@code null} if none has arrived
     */
    default Tensor grad() {
        return value().grad();
    }

    /**
     * Replaces the accumulated gradient, as assigning PyTorch's {@code p.grad}: the values are
     * copied, and the next optimizer step uses them (a gradient computed elsewhere, or changed
     * by hand).
     *
     * @param gradient the new gradient, of the parameter's shape; {@code null} forgets it, as {@link #zeroGradient()}
     * @throws ShapeMismatchException if the shapes differ, naming both
     */
    void setGradient(Tensor gradient);
}
