package org.neurite.engine.loss;

/**
 * {@code binary_cross_entropy} on probabilities: {@code -(t log p + (1 - t) log(1 - p))},
 * averaged over all elements. As in PyTorch, each logarithm is clamped at {@code -100} so that
 * a confident wrong prediction gives a large finite loss, and the gradient's denominator
 * {@code p (1 - p)} is kept at least {@code 1e-12}. Predictions outside {@code [0, 1]} are
 * rejected; targets may be soft (any value in {@code [0, 1]}).
 */
public final class BinaryCrossEntropy extends ElementwiseLoss {

    private static final double LOG_FLOOR = -100;
    private static final double GRAD_EPSILON = 1e-12;

    @Override
    public String name() {
        return "binary_cross_entropy";
    }

    @Override
    double accumulate(float[] p, float[] t, float[] dP, float[] dT) {
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            double q = p[i];
            if (!(q >= 0 && q <= 1)) {
                throw new IllegalArgumentException(name() + ": prediction " + p[i] + " at element " + i
                        + " is not a probability in [0, 1]; use binary_cross_entropy_with_logits on raw scores");
            }
            double y = t[i];
            double logP = Math.max(Math.log(q), LOG_FLOOR);
            double log1mP = Math.max(Math.log1p(-q), LOG_FLOOR);
            sum -= y * logP + (1 - y) * log1mP;
            if (dP != null) {
                dP[i] = (float) ((q - y) / Math.max(q * (1 - q), GRAD_EPSILON));
            }
            if (dT != null) {
                dT[i] = (float) (log1mP - logP);
            }
        }
        return sum;
    }
}
