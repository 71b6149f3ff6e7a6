package org.neurite.engine.loss;

import org.neurite.api.Loss;
import org.neurite.api.Tensor;
import org.neurite.engine.tensor.CpuTensor;

/**
 * A loss that compares prediction and target element by element and averages over all
 * elements (PyTorch's {@code reduction="mean"}). Subclasses write one fused loop that sums the
 * loss and, where asked, fills the derivatives.
 *
 * <p>Targets of any shape are compared, such as per-step values {@code [batch, time, features]}.
 * A target that is {@link Loss#IGNORED_VALUE} (NaN, as at the padded steps of sequences) is
 * left out: it adds nothing, gets no gradient, and the mean is over the other elements, as
 * {@code F.mse_loss(prediction[mask], target[mask])} is in PyTorch.
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
        int[] kept = kept(t.data());
        if (kept == null) {
            return MeanLoss.result(name(), accumulate(p.data(), t.data(), dP, dT), n, p, dP, t, dT);
        }
        // the kernel sees only the kept elements; their derivatives go back to their places, 0 elsewhere
        float[] keptP = gather(p.data(), kept);
        float[] keptDP = dP == null ? null : new float[kept.length];
        float[] keptDT = dT == null ? null : new float[kept.length];
        double sum = accumulate(keptP, gather(t.data(), kept), keptDP, keptDT);
        scatter(keptDP, kept, dP);
        scatter(keptDT, kept, dT);
        return MeanLoss.result(name(), sum, Math.max(1, kept.length), p, dP, t, dT);
    }

    /** @return the indices of the targets that are not ignored, or {@code null} when none is */
    private static int[] kept(float[] target) {
        int ignored = 0;
        for (float v : target) {
            ignored += Float.isNaN(v) ? 1 : 0;
        }
        if (ignored == 0) {
            return null;
        }
        int[] kept = new int[target.length - ignored];
        for (int i = 0, k = 0; i < target.length; i++) {
            if (!Float.isNaN(target[i])) {
                kept[k++] = i;
            }
        }
        return kept;
    }

    private static float[] gather(float[] values, int[] indices) {
        float[] out = new float[indices.length];
        for (int k = 0; k < indices.length; k++) {
            out[k] = values[indices[k]];
        }
        return out;
    }

    private static void scatter(float[] values, int[] indices, float[] into) {
        if (values != null) {
            for (int k = 0; k < indices.length; k++) {
                into[indices[k]] = values[k];
            }
        }
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
