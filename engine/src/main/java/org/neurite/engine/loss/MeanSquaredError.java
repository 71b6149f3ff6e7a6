package org.neurite.engine.loss;

/** {@code mse}: the mean of {@code (prediction - target)^2} over all elements. */
public final class MeanSquaredError extends ElementwiseLoss {

    @Override
    public String name() {
        return "mse";
    }

    @Override
    double accumulate(float[] p, float[] t, float[] dP, float[] dT) {
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            float d = p[i] - t[i];
            sum += (double) d * d;
            if (dP != null) {
                dP[i] = 2 * d;
            }
            if (dT != null) {
                dT[i] = -2 * d;
            }
        }
        return sum;
    }
}
