package org.neurite.engine.tensor;

import org.neurite.api.Parameter;
import org.neurite.api.ShapeMismatchException;
import org.neurite.api.Tensor;

/** A parameter or buffer backed by a leaf {@link CpuTensor}. */
public final class CpuParameter implements Parameter {

    private final CpuTensor value;
    private final boolean trainable;

    /**
     * @param value the leaf tensor holding the values
     * @param trainable whether optimizers update it (it then requires a gradient)
     */
    public CpuParameter(CpuTensor value, boolean trainable) {
        this.value = trainable ? value.requireGrad() : value;
        this.trainable = trainable;
    }

    @Override
    public Tensor value() {
        return value;
    }

    @Override
    public boolean trainable() {
        return trainable;
    }

    @Override
    public float[] data() {
        return value.data();
    }

    @Override
    public float[] gradient() {
        return value.gradArray();
    }

    @Override
    public void zeroGradient() {
        value.zeroGrad();
    }

    @Override
    public void setGradient(Tensor gradient) {
        value.zeroGrad();
        if (gradient == null) {
            return;
        }
        if (!gradient.shape().equals(value.shape())) {
            throw new ShapeMismatchException("parameter " + value.shape() + ": a gradient of shape " + gradient.shape()
                    + " does not fit");
        }
        value.accumulateGrad(gradient.toArray());
    }

    @Override
    public String toString() {
        return (trainable ? "Parameter" : "Buffer") + value.shape();
    }
}
