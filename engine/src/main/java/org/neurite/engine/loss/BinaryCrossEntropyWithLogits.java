package org.neurite.engine.loss;

import org.neurite.engine.ops.Activations;

/**
 * {@code binary_cross_entropy_with_logits}: binary cross-entropy of {@code sigmoid(x)} against
 * targets {@code t}, computed from the raw score {@code x} as {@code softplus(x) - t x}, which
 * stays exact for scores of any size; averaged over all elements. Its gradient is
 * {@code sigmoid(x) - t}.
 */
public final class BinaryCrossEntropyWithLogits extends ElementwiseLoss {

    @Override
    public String name() {
        return "binary_cross_entropy_with_logits";
    }

    @Override
    double accumulate(float[] p, float[] t, float[] dP, float[] dT) {
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            double x = p[i];
            double y = t[i];
            sum += Activations.softplus(x) - y * x;
            if (dP != null) {
                dP[i] = (float) (Activations.sigmoid(x) - y);
            }
            if (dT != null) {
                dT[i] = (float) -x;
            }
        }
        return sum;
    }
}
