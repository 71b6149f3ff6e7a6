package org.neurite.engine.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ShiftedRuns} on the Vector API: whole vectors, the tail element by element. Loaded only
 * when {@code jdk.incubator.vector} is in the boot layer, see {@link KernelChoice}.
 */
final class VectorShiftedRuns implements ShiftedRuns.Functions {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    @Override
    public void weightedSum(float[] w, int wOff, int[] shifts, float[] x, float base, float[] out, int outOff,
                            int len) {
        int taps = shifts.length;
        int q = 0;
        for (; q + L <= len; q += L) {
            FloatVector acc = FloatVector.broadcast(S, base);
            for (int t = 0; t < taps; t++) {
                acc = FloatVector.fromArray(S, x, shifts[t] + q).fma(FloatVector.broadcast(S, w[wOff + t]), acc);
            }
            acc.intoArray(out, outOff + q);
        }
        for (; q < len; q++) {
            float s = base;
            for (int t = 0; t < taps; t++) {
                s += w[wOff + t] * x[shifts[t] + q];
            }
            out[outOff + q] = s;
        }
    }

    @Override
    public void dots(float[] a, int aOff, int[] shifts, float[] x, float[] out, int outOff, int len) {
        for (int t = 0; t < shifts.length; t++) {
            int s = shifts[t];
            // two accumulators: independent multiply-adds the processor overlaps
            FloatVector acc0 = FloatVector.zero(S);
            FloatVector acc1 = FloatVector.zero(S);
            int q = 0;
            for (; q + 2 * L <= len; q += 2 * L) {
                acc0 = FloatVector.fromArray(S, a, aOff + q).fma(FloatVector.fromArray(S, x, s + q), acc0);
                acc1 = FloatVector.fromArray(S, a, aOff + q + L).fma(FloatVector.fromArray(S, x, s + q + L), acc1);
            }
            for (; q + L <= len; q += L) {
                acc0 = FloatVector.fromArray(S, a, aOff + q).fma(FloatVector.fromArray(S, x, s + q), acc0);
            }
            float sum = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
            for (; q < len; q++) {
                sum += a[aOff + q] * x[s + q];
            }
            out[outOff + t] += sum;
        }
    }
}
