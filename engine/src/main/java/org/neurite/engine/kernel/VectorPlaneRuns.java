package org.neurite.engine.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link PlaneRuns} on the Vector API: whole vectors, the tail element by element. Loaded only
 * when {@code jdk.incubator.vector} is in the boot layer, see {@link KernelChoice}.
 */
final class VectorPlaneRuns implements PlaneRuns.Functions {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    @Override
    public float maskedSum(float[] g, float[] positiveWhere, int off, int len) {
        FloatVector zero = FloatVector.zero(S);
        FloatVector one = FloatVector.broadcast(S, 1f);
        // two accumulators: independent additions the processor overlaps
        FloatVector acc0 = zero;
        FloatVector acc1 = zero;
        int q = 0;
        for (; q + 2 * L <= len; q += 2 * L) {
            acc0 = acc0.add(masked(g, positiveWhere, off + q, zero, one));
            acc1 = acc1.add(masked(g, positiveWhere, off + q + L, zero, one));
        }
        for (; q + L <= len; q += L) {
            acc0 = acc0.add(masked(g, positiveWhere, off + q, zero, one));
        }
        float sum = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
        for (int p = off + q; p < off + len; p++) {
            if (positiveWhere != null) {
                g[p] *= positiveWhere[p] > 0f ? 1f : 0f;
            }
            sum += g[p];
        }
        return sum;
    }

    /** One vector of {@code g} from {@code at}, masked in place if {@code positiveWhere} is given. */
    private static FloatVector masked(float[] g, float[] positiveWhere, int at, FloatVector zero, FloatVector one) {
        FloatVector v = FloatVector.fromArray(S, g, at);
        if (positiveWhere == null) {
            return v;
        }
        VectorMask<Float> keep = FloatVector.fromArray(S, positiveWhere, at).compare(VectorOperators.GT, 0f);
        v = v.mul(zero.blend(one, keep));
        v.intoArray(g, at);
        return v;
    }

    @Override
    public void addTo(float[] src, int srcOff, float[] dst, int dstOff, int len) {
        int i = 0;
        for (; i + L <= len; i += L) {
            FloatVector.fromArray(S, dst, dstOff + i).add(FloatVector.fromArray(S, src, srcOff + i))
                    .intoArray(dst, dstOff + i);
        }
        for (; i < len; i++) {
            dst[dstOff + i] += src[srcOff + i];
        }
    }
}
