package org.neurite.engine.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Exponentials} on the Vector API: whole vectors through the lanewise {@code EXP}, the
 * tail element by element. Loaded only when {@code jdk.incubator.vector} is in the boot layer, see
 * {@link KernelChoice}.
 */
final class VectorExponentials implements Exponentials.Functions {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    @Override
    public float expShifted(float[] a, int off, int len, float shift) {
        int i = off;
        int end = off + len;
        FloatVector sums = FloatVector.zero(S);
        for (; i + L <= end; i += L) {
            FloatVector e = FloatVector.fromArray(S, a, i).sub(shift).lanewise(VectorOperators.EXP);
            e.intoArray(a, i);
            sums = sums.add(e);
        }
        double sum = sums.reduceLanes(VectorOperators.ADD);
        for (; i < end; i++) {
            float e = (float) Math.exp(a[i] - shift);
            a[i] = e;
            sum += e;
        }
        return (float) sum;
    }
}
