package org.neurite.engine.loss;

import org.neurite.api.Loss;
import org.neurite.api.Tensor;
import org.neurite.engine.tensor.CpuTensor;

/**
 * A loss that compares prediction and target element by element and averages over all
 * elements (PyTorch's {@code reduction="mean"}). Subclasses write one fused loop that sums the
 * loss and, where asked, fills the derivatives.
 */
abstract class ElementwiseLoss implements Loss {

    @Override
    public final Tensor compute(Tensor prediction, Tensor target) {
        CpuTensor p = CpuTensor.of(prediction);
        CpuTensor t = CpuTensor.of(target);
        LossShapes.requireElementwise(name(), p, t);
        int n = p.size();
        float[] dP = MeanLoss.needsGrad(p) ? new float[n] : null;
        float[] dT = MeanLoss.needsGrad(t) ? new float[n] : null;
        double sum = accumulate(p.data(), t.data(), dP, dT);
        return MeanLoss.result(name(), sum, n, p, dP, t, dT);
    }

    /**
     * The fused kernel.
     *
     * @param p the predictions
     * @param t the targets, one per prediction
     * @param dP where to put d(term)/d(prediction) per element, or {@code null} if not needed
     * @param dT where to put d(term)/d(target) per element, or {@code null} if not needed
     * @return the sum of the loss terms
     */
    abstract double accumulate(float[] p, float[] t, float[] dP, float[] dT);

    @Override
    public String toString() {
        return name();
    }
}
