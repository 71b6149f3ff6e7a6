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
        if (shifts.length == 9) {
            nineTaps(w, wOff, shifts, x, base, out, outOff, len);
            return;
        }
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

    /**
     * {@link #weightedSum} of a 3x3 window over one channel (a first layer over grey images): the
     * nine weights broadcast and the nine shifts read once, not once per vector; the same
     * multiply-adds in the same order.
     */
    private static void nineTaps(float[] w, int wOff, int[] shifts, float[] x, float base, float[] out, int outOff,
                                 int len) {
        FloatVector w0 = FloatVector.broadcast(S, w[wOff]), w1 = FloatVector.broadcast(S, w[wOff + 1]);
        FloatVector w2 = FloatVector.broadcast(S, w[wOff + 2]), w3 = FloatVector.broadcast(S, w[wOff + 3]);
        FloatVector w4 = FloatVector.broadcast(S, w[wOff + 4]), w5 = FloatVector.broadcast(S, w[wOff + 5]);
        FloatVector w6 = FloatVector.broadcast(S, w[wOff + 6]), w7 = FloatVector.broadcast(S, w[wOff + 7]);
        FloatVector w8 = FloatVector.broadcast(S, w[wOff + 8]);
        int s0 = shifts[0], s1 = shifts[1], s2 = shifts[2], s3 = shifts[3], s4 = shifts[4];
        int s5 = shifts[5], s6 = shifts[6], s7 = shifts[7], s8 = shifts[8];
        FloatVector b = FloatVector.broadcast(S, base);
        int q = 0;
        for (; q + L <= len; q += L) {
            FloatVector acc = FloatVector.fromArray(S, x, s0 + q).fma(w0, b);
            acc = FloatVector.fromArray(S, x, s1 + q).fma(w1, acc);
            acc = FloatVector.fromArray(S, x, s2 + q).fma(w2, acc);
            acc = FloatVector.fromArray(S, x, s3 + q).fma(w3, acc);
            acc = FloatVector.fromArray(S, x, s4 + q).fma(w4, acc);
            acc = FloatVector.fromArray(S, x, s5 + q).fma(w5, acc);
            acc = FloatVector.fromArray(S, x, s6 + q).fma(w6, acc);
            acc = FloatVector.fromArray(S, x, s7 + q).fma(w7, acc);
            acc = FloatVector.fromArray(S, x, s8 + q).fma(w8, acc);
            acc.intoArray(out, outOff + q);
        }
        for (; q < len; q++) {
            float sum = base;
            for (int t = 0; t < 9; t++) {
                sum += w[wOff + t] * x[shifts[t] + q];
            }
            out[outOff + q] = sum;
        }
    }

    @Override
    public void dots(float[] a, int aOff, int[] shifts, float[] x, float[] out, int outOff, int len) {
        if (shifts.length == 9) {
            nineDots(a, aOff, shifts, x, out, outOff, len);
            return;
        }
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

    /**
     * {@link #dots} of a 3x3 window over one channel: one pass over {@code a} for all nine taps
     * (each vector of {@code a} read once, not nine times), with each tap's two accumulators as
     * there, so the same sums in the same order.
     */
    private static void nineDots(float[] a, int aOff, int[] shifts, float[] x, float[] out, int outOff, int len) {
        int s0 = shifts[0], s1 = shifts[1], s2 = shifts[2], s3 = shifts[3], s4 = shifts[4];
        int s5 = shifts[5], s6 = shifts[6], s7 = shifts[7], s8 = shifts[8];
        FloatVector e0 = FloatVector.zero(S), o0 = FloatVector.zero(S);
        FloatVector e1 = FloatVector.zero(S), o1 = FloatVector.zero(S);
        FloatVector e2 = FloatVector.zero(S), o2 = FloatVector.zero(S);
        FloatVector e3 = FloatVector.zero(S), o3 = FloatVector.zero(S);
        FloatVector e4 = FloatVector.zero(S), o4 = FloatVector.zero(S);
        FloatVector e5 = FloatVector.zero(S), o5 = FloatVector.zero(S);
        FloatVector e6 = FloatVector.zero(S), o6 = FloatVector.zero(S);
        FloatVector e7 = FloatVector.zero(S), o7 = FloatVector.zero(S);
        FloatVector e8 = FloatVector.zero(S), o8 = FloatVector.zero(S);
        int q = 0;
        for (; q + 2 * L <= len; q += 2 * L) {
            FloatVector even = FloatVector.fromArray(S, a, aOff + q);
            FloatVector odd = FloatVector.fromArray(S, a, aOff + q + L);
            e0 = even.fma(FloatVector.fromArray(S, x, s0 + q), e0);
            o0 = odd.fma(FloatVector.fromArray(S, x, s0 + q + L), o0);
            e1 = even.fma(FloatVector.fromArray(S, x, s1 + q), e1);
            o1 = odd.fma(FloatVector.fromArray(S, x, s1 + q + L), o1);
            e2 = even.fma(FloatVector.fromArray(S, x, s2 + q), e2);
            o2 = odd.fma(FloatVector.fromArray(S, x, s2 + q + L), o2);
            e3 = even.fma(FloatVector.fromArray(S, x, s3 + q), e3);
            o3 = odd.fma(FloatVector.fromArray(S, x, s3 + q + L), o3);
            e4 = even.fma(FloatVector.fromArray(S, x, s4 + q), e4);
            o4 = odd.fma(FloatVector.fromArray(S, x, s4 + q + L), o4);
            e5 = even.fma(FloatVector.fromArray(S, x, s5 + q), e5);
            o5 = odd.fma(FloatVector.fromArray(S, x, s5 + q + L), o5);
            e6 = even.fma(FloatVector.fromArray(S, x, s6 + q), e6);
            o6 = odd.fma(FloatVector.fromArray(S, x, s6 + q + L), o6);
            e7 = even.fma(FloatVector.fromArray(S, x, s7 + q), e7);
            o7 = odd.fma(FloatVector.fromArray(S, x, s7 + q + L), o7);
            e8 = even.fma(FloatVector.fromArray(S, x, s8 + q), e8);
            o8 = odd.fma(FloatVector.fromArray(S, x, s8 + q + L), o8);
        }
        if (q + L <= len) {
            FloatVector even = FloatVector.fromArray(S, a, aOff + q);
            e0 = even.fma(FloatVector.fromArray(S, x, s0 + q), e0);
            e1 = even.fma(FloatVector.fromArray(S, x, s1 + q), e1);
            e2 = even.fma(FloatVector.fromArray(S, x, s2 + q), e2);
            e3 = even.fma(FloatVector.fromArray(S, x, s3 + q), e3);
            e4 = even.fma(FloatVector.fromArray(S, x, s4 + q), e4);
            e5 = even.fma(FloatVector.fromArray(S, x, s5 + q), e5);
            e6 = even.fma(FloatVector.fromArray(S, x, s6 + q), e6);
            e7 = even.fma(FloatVector.fromArray(S, x, s7 + q), e7);
            e8 = even.fma(FloatVector.fromArray(S, x, s8 + q), e8);
            q += L;
        }
        float[] sums = {
            e0.add(o0).reduceLanes(VectorOperators.ADD), e1.add(o1).reduceLanes(VectorOperators.ADD), e2.add(o2).reduceLanes(VectorOperators.ADD),
            e3.add(o3).reduceLanes(VectorOperators.ADD), e4.add(o4).reduceLanes(VectorOperators.ADD), e5.add(o5).reduceLanes(VectorOperators.ADD),
            e6.add(o6).reduceLanes(VectorOperators.ADD), e7.add(o7).reduceLanes(VectorOperators.ADD), e8.add(o8).reduceLanes(VectorOperators.ADD),
        };
        for (int t = 0; t < 9; t++) {
            float sum = sums[t];
            for (int r = q; r < len; r++) {
                sum += a[aOff + r] * x[shifts[t] + r];
            }
            out[outOff + t] += sum;
        }
    }

}
