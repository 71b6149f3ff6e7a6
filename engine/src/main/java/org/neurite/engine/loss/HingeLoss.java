package org.neurite.engine.loss;

/**
 * {@code hinge}: the binary hinge loss {@code max(0, 1 - t y)} of scores {@code y}, averaged
 * over all elements. Targets are labels {@code -1} or {@code 1}; {@code 0} is also accepted and
 * read as {@code -1}, so that {0, 1} labels made for the cross-entropy losses work unchanged.
 * Any other target is rejected. The gradient at the hinge ({@code t y = 1}) is 0.
 */
public final class HingeLoss extends ElementwiseLoss {

    @Override
    public String name() {
        return "hinge";
    }

    @Override
    double accumulate(float[] p, float[] t, float[] dP, float[] dT) {
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            float label = t[i];
            if (label == 0) {
                label = -1;
            } else if (label != 1 && label != -1) {
                throw new IllegalArgumentException(name() + ": target " + t[i] + " at element " + i
                        + " is not a label -1 or 1 (0 is read as -1)");
            }
            double margin = 1 - (double) label * p[i];
            boolean active = margin > 0;
            if (active) {
                sum += margin;
            }
            if (dP != null) {
                dP[i] = active ? -label : 0;
            }
            if (dT != null) {
                dT[i] = active ? -p[i] : 0;
            }
        }
        return sum;
    }
}
