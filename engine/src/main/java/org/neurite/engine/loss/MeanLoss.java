package org.neurite.engine.loss;

import org.neurite.api.Shape;
import org.neurite.engine.autograd.GradMode;
import org.neurite.engine.autograd.SpareGradients;
import org.neurite.engine.tensor.CpuTensor;

/**
 * Turns a fused loss kernel's output into the scalar result: the summed loss divided by the
 * number of terms, with a backward that scales the per-element derivatives the kernel already
 * computed by {@code dL/dresult / count}.
 */
final class MeanLoss {

    private MeanLoss() {
    }

    /** @return whether a gradient for {@code t} will be asked for, so the kernel must compute it */
    static boolean needsGrad(CpuTensor t) {
        return GradMode.isEnabled() && t.requiresGrad();
    }

    /**
     * @param name the loss's name
     * @param sum the summed loss over all terms
     * @param count the number of terms averaged over
     * @param prediction the prediction
     * @param dPrediction d(sum)/d(prediction), or {@code null} when not needed
     * @param target the target
     * @param dTarget d(sum)/d(target), or {@code null} when not needed or not defined
     * @return the mean as a scalar tensor
     */
    static CpuTensor result(String name, double sum, int count, CpuTensor prediction, float[] dPrediction,
                            CpuTensor target, float[] dTarget) {
        float[] value = {(float) (sum / count)};
        return CpuTensor.result(name, value, Shape.scalar(), g -> {
            float scale = g[0] / count;
            if (dPrediction != null) {
                prediction.adoptGrad(scaled(dPrediction, scale));
            }
            if (dTarget != null) {
                target.adoptGrad(scaled(dTarget, scale));
            }
        }, dPrediction == null ? null : prediction, dTarget == null ? null : target);
    }

    /** {@code d * scale} in an array the caller owns (a spare one of the backward pass, every element written). */
    private static float[] scaled(float[] d, float scale) {
        float[] out = SpareGradients.take(d.length);
        for (int i = 0; i < d.length; i++) {
            out[i] = d[i] * scale;
        }
        return out;
    }
}
