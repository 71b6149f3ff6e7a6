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
}
