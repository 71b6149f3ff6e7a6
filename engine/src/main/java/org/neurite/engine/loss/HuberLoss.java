package org.neurite.engine.loss;

/**
 * {@code huber}: per element {@code d^2 / 2} where {@code |d| < delta}, else
 * {@code delta (|d| - delta / 2)}, with {@code d = prediction - target}; averaged over all
 * elements, as PyTorch's {@code HuberLoss}.
 */
public final class HuberLoss extends ElementwiseLoss {

    private final float delta;

    /**
     * @param delta where the loss turns from quadratic to linear; greater than 0
     */
    public HuberLoss(float delta) {
        if (!(delta > 0)) {
            throw new IllegalArgumentException("huber: delta must be greater than 0, got " + delta);
        }
        this.delta = delta;
    }

    /** @return where the loss turns from quadratic to linear */
    public float delta() {
        return delta;
    }

    @Override
    public String name() {
        return "huber";
    }

    @Override
    double accumulate(float[] p, float[] t, float[] dP, float[] dT) {
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            float d = p[i] - t[i];
            float a = Math.abs(d);
            boolean quadratic = a < delta;
            sum += quadratic ? 0.5 * d * d : delta * (a - 0.5 * delta);
            float slope = quadratic ? d : Math.copySign(delta, d);
            if (dP != null) {
                dP[i] = slope;
            }
            if (dT != null) {
                dT[i] = -slope;
            }
        }
        return sum;
    }
}
