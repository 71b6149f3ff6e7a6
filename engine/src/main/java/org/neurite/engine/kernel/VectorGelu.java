package org.neurite.engine.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Gelu} on the Vector API, whole vectors at a time and the tail element by element.
 * {@code Phi(x)} from {@code erfc(a)}, {@code a = |x| / sqrt 2}, by the Chebyshev-fitted form
 * {@code erfc(a) = t exp(-a^2 + P(t))}, {@code t = 1 / (1 + a / 2)}, whose fractional error is
 * below 1.2e-7 for every {@code a >= 0} (Numerical Recipes' {@code erfcc}): one formula for all
 * lanes, written out in the forward loop with only tiny helpers, so that C2 compiles it with every
 * vector operation inlined (a larger form fell back to Java loops inside the training step). Below zero
 * {@code Phi = erfc / 2}, above {@code 1 - erfc / 2}, so the lower tail keeps its relative
 * accuracy. The exponent {@code -x^2 / 2 + P} is carried as two floats (the rounding errors of
 * {@code x^2} and of the sum, by a fused multiply-add and a fast two-sum) and the low part
 * applied after the exponential, as the float exponent alone would lose 4e-6 far in the tail.
 * Loaded only when {@code jdk.incubator.vector} is in the boot layer, see {@link KernelChoice}.
 */
final class VectorGelu implements Gelu.Functions {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final float INV_SQRT2 = 0.70710677f;
    /** Beyond it {@code Phi} is 0 or 1 in float; clamping keeps {@code x^2} finite. */
    private static final float LIMIT = 20f;
    /** {@code P(t)}'s coefficients, constant term first. */
    private static final float C0 = -1.26551223f;
    private static final float C1 = 1.00002368f;
    private static final float C2 = 0.37409196f;
    private static final float C3 = 0.09678418f;
    private static final float C4 = -0.18628806f;
    private static final float C5 = 0.27886807f;
    private static final float C6 = -1.13520398f;
    private static final float C7 = 1.48851587f;
    private static final float C8 = -0.82215223f;
    private static final float C9 = 0.17087277f;

    @Override
    public void forward(float[] x, float[] y, int from, int to) {
        int i = from;
        for (; i + L <= to; i += L) {
            // Phi(x), written out here rather than called: a call C2 declines to inline (a callee of
            // more than 35 bytes at a site it does not yet count as hot) boxes every vector
            FloatVector v = FloatVector.fromArray(S, x, i);
            FloatVector a = v.abs().min(LIMIT);
            FloatVector t = FloatVector.broadcast(S, 1f)
                    .div(a.fma(FloatVector.broadcast(S, 0.5f * INV_SQRT2), FloatVector.broadcast(S, 1f)));
            FloatVector p = t.fma(C9, C8);
            p = p.fma(t, FloatVector.broadcast(S, C7));
            p = p.fma(t, FloatVector.broadcast(S, C6));
            p = p.fma(t, FloatVector.broadcast(S, C5));
            p = p.fma(t, FloatVector.broadcast(S, C4));
            p = p.fma(t, FloatVector.broadcast(S, C3));
            p = p.fma(t, FloatVector.broadcast(S, C2));
            p = p.fma(t, FloatVector.broadcast(S, C1));
            p = p.fma(t, FloatVector.broadcast(S, C0));
            FloatVector square = a.mul(a);
            FloatVector halfSquareError = a.fma(a, square.neg()).mul(0.5f);
            FloatVector minusHalfSquare = square.mul(-0.5f);
            FloatVector exponent = minusHalfSquare.add(p);
            FloatVector low = p.sub(exponent.sub(minusHalfSquare)).sub(halfSquareError);
            FloatVector e = exponent.lanewise(VectorOperators.EXP);
            // erfc(|x| / sqrt 2) / 2; below zero Phi is that, above 1 minus it (the tail keeps its relative accuracy)
            FloatVector h = t.mul(e.fma(low, e)).mul(0.5f);
            v.mul(indicator(v).fma(h.fma(-2f, 1f), h)).intoArray(y, i);
        }
        for (; i < to; i++) {
            Gelu.forward(x, y, i);
        }
    }

    @Override
    public void backward(float[] x, float[] y, float[] g, float[] dx, int from, int to) {
        int i = from;
        float invSqrt2Pi = (float) Gelu.INV_SQRT_2PI;
        for (; i + L <= to; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, i);
            // Phi = y / x, and 1/2 where x is too small for that
            FloatVector cdf = select(tiny(v), FloatVector.broadcast(S, 0.5f), FloatVector.fromArray(S, y, i).div(v));
            FloatVector pdf = v.mul(v).mul(-0.5f).lanewise(VectorOperators.EXP).mul(invSqrt2Pi);
            FloatVector.fromArray(S, g, i).mul(v.fma(pdf, cdf)).intoArray(dx, i);
        }
        for (; i < to; i++) {
            Gelu.backward(x, y, g, dx, i);
        }
    }

    /**
     * 1 in the lanes where {@code v > 0}, else 0 (NaN stays NaN): a select by float arithmetic; an
     * int-vector select here (sign mask, bit logic) ran as Java code inside the training step in
     * some processes, boxing every vector. A positive float times 2^100 is at least 1 unless it is
     * below 2^-100, where {@code Phi} is 1/2 either way.
     */
    private static FloatVector indicator(FloatVector v) {
        return v.mul(0x1p100f).max(0f).min(1f);
    }

    /** All ones in the lanes where {@code |v| < Gelu.TINY} (not NaN), else 0. */
    private static IntVector tiny(FloatVector v) {
        return v.abs().reinterpretAsInts().sub(Float.floatToRawIntBits(Gelu.TINY)).lanewise(VectorOperators.ASHR, 31);
    }

    /**
     * {@code a} where {@code mask} is all ones, {@code b} where it is 0, bit by bit: plain vector
     * logic, where the JIT compiled a masked blend to far slower code.
     */
    private static FloatVector select(IntVector mask, FloatVector a, FloatVector b) {
        return a.reinterpretAsInts().and(mask).or(b.reinterpretAsInts().and(mask.not())).reinterpretAsFloats();
    }
}
