package org.neurite.engine.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

/**
 * {@code exp} lane by lane in plain vector arithmetic. JDK 17 compiles the Vector API's lanewise
 * {@code EXP} to a call of {@link Math#exp} per lane (its vector stubs are off by default), which
 * made the exponentials the larger part of GELU; this is Cephes' {@code expf} instead: {@code n}
 * the nearest integer to {@code x / ln 2}, {@code r = x - n ln 2} (with ln 2 in two parts), a
 * degree-6 polynomial for {@code e^r} and the product with {@code 2^n}, built from its bits in two
 * halves so that results down to the smallest subnormals come out right. Within 2 float ulps;
 * NaN stays NaN. Loaded only when {@code jdk.incubator.vector} is in the boot layer.
 */
final class VectorExp {

    /** A little above {@code ln(Float.MAX_VALUE)}: the product overflows to infinity from there. */
    private static final float HIGH = 89f;
    /** Below it the result is below half the smallest subnormal. */
    private static final float LOW = -104f;
    private static final float LOG2E = 1.44269504088896341f;
    private static final float LN2_HIGH = 0.693359375f;
    private static final float LN2_LOW = -2.12194440e-4f;
    /** {@code 1.5 * 2^23}: adding it rounds to an integer held in the low bits of the sum. */
    private static final float ROUNDER = 12582912f;
    private static final int ROUNDER_BITS = 0x4B400000;

    private VectorExp() {
    }

    /** @return {@code e^x} in every lane */
    static FloatVector exp(FloatVector x) {
        FloatVector xc = x.max(LOW).min(HIGH);
        FloatVector shifted = xc.fma(LOG2E, ROUNDER);
        FloatVector n = shifted.sub(ROUNDER);
        FloatVector r = n.mul(-LN2_HIGH).add(xc); // exact: n ln2_high has few bits
        r = n.fma(FloatVector.broadcast(x.species(), -LN2_LOW), r);
        FloatVector p = r.fma(1.9875691500e-4f, 1.3981999507e-3f);
        p = p.fma(r, FloatVector.broadcast(x.species(), 8.3334519073e-3f));
        p = p.fma(r, FloatVector.broadcast(x.species(), 4.1665795894e-2f));
        p = p.fma(r, FloatVector.broadcast(x.species(), 1.6666665459e-1f));
        p = p.fma(r, FloatVector.broadcast(x.species(), 5.0000001201e-1f));
        p = p.mul(r.mul(r)).add(r).add(1f);
        IntVector k = ((IntVector) shifted.reinterpretAsInts()).sub(ROUNDER_BITS);
        IntVector half = k.lanewise(VectorOperators.ASHR, 1);
        FloatVector scale1 = twoTo(half);
        FloatVector scale2 = twoTo(k.sub(half));
        // NaN passes the clamps (max and min keep it) and the arithmetic after them
        return p.mul(scale1).mul(scale2);
    }

    /** {@code 2^k} for {@code -126 <= k <= 127} from the exponent bits. */
    private static FloatVector twoTo(IntVector k) {
        return (FloatVector) k.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
    }
}
