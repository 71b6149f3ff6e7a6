package org.neurite.engine.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ScaledCopy} on the Vector API. Finiteness is tracked by adding {@code v - v} into an
 * accumulator: 0 for a finite value, NaN for an infinity or NaN, and NaN stays.
 */
final class VectorScaledCopy implements ScaledCopy.Runs {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    @Override
    public boolean into(float[] src, int srcOff, float[] dst, int dstOff, int count, float scale, float shift,
                        float factor) {
        FloatVector nonFinite = FloatVector.zero(S);
        int i = 0;
        for (; i + L <= count; i += L) {
            FloatVector v = FloatVector.fromArray(S, src, srcOff + i).mul(scale).sub(shift).mul(factor);
            v.intoArray(dst, dstOff + i);
            nonFinite = nonFinite.add(v.sub(v));
        }
        boolean finite = !Float.isNaN(nonFinite.reduceLanes(VectorOperators.ADD));
        for (; i < count; i++) {
            float v = (src[srcOff + i] * scale - shift) * factor;
            dst[dstOff + i] = v;
            finite &= Float.isFinite(v);
        }
        return finite;
    }
}
