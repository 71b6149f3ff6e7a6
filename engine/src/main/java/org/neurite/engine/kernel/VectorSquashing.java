package org.neurite.engine.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Squashing} on the Vector API: whole vectors through the lanewise {@code EXP} and
 * {@code TANH}, the tail element by element. Loaded only when {@code jdk.incubator.vector} is in
 * the boot layer, see {@link KernelChoice}.
 */
final class VectorSquashing implements Squashing.Functions {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final FloatVector ONE = FloatVector.broadcast(S, 1f);

    @Override
    public void sigmoid(float[] a, int off, int len) {
        int i = off;
        int end = off + len;
        for (; i + L <= end; i += L) {
            FloatVector e = FloatVector.fromArray(S, a, i).neg().lanewise(VectorOperators.EXP);
            ONE.div(e.add(1f)).intoArray(a, i);
        }
        for (; i < end; i++) {
            a[i] = Squashing.sigmoid(a[i]);
        }
    }

    @Override
    public void tanh(float[] a, int off, int len) {
        int i = off;
        int end = off + len;
        for (; i + L <= end; i += L) {
            FloatVector.fromArray(S, a, i).lanewise(VectorOperators.TANH).intoArray(a, i);
        }
        for (; i < end; i++) {
            a[i] = Squashing.tanh(a[i]);
        }
    }
}
