package org.neurite.engine.loss;

/** {@code mae} (L1): the mean of {@code |prediction - target|} over all elements; gradient 0 where they are equal. */
public final class MeanAbsoluteError extends ElementwiseLoss {

    @Override
    public String name() {
        return "mae";
    }

    @Override
    double accumulate(float[] p, float[] t, float[] dP, float[] dT) {
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            float d = p[i] - t[i];
            sum += Math.abs(d);
            float sign = Math.signum(d);
            if (dP != null) {
                dP[i] = sign;
            }
            if (dT != null) {
                dT[i] = -sign;
            }
        }
        return sum;
    }
}
