package org.neurite.engine.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Gelu} on the Vector API, whole vectors at a time and the tail element by element.
 * {@code Phi(x)} from {@code erfc(a)}, {@code a = |x| / sqrt 2}, by the Chebyshev-fitted form
 * {@code erfc(a) = t exp(-a^2 + P(t))}, {@code t = 1 / (1 + a / 2)}, whose fractional error is
 * below 1.2e-7 for every {@code a >= 0} (Numerical Recipes' {@code erfcc}): one formula for all
 * lanes, so that {@link #cdf} stays small enough for C2 to compile with every vector operation
 * inlined (a larger one fell back to Java loops inside the training step). Below zero
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
    public void forward(float[] x, float[] y, float[] cdf, int from, int to) {
        int i = from;
        for (; i + L <= to; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, i);
            FloatVector phi = cdf(v);
            v.mul(phi).intoArray(y, i);
            if (cdf != null) {
                phi.intoArray(cdf, i);
            }
        }
        for (; i < to; i++) {
            Gelu.forward(x, y, cdf, i);
        }
    }

    @Override
    public void backward(float[] x, float[] cdf, float[] g, float[] dx, int from, int to) {
        int i = from;
        float invSqrt2Pi = (float) Gelu.INV_SQRT_2PI;
        for (; i + L <= to; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, i);
            FloatVector pdf = v.mul(v).mul(-0.5f).lanewise(VectorOperators.EXP).mul(invSqrt2Pi);
            FloatVector.fromArray(S, g, i).mul(v.fma(pdf, FloatVector.fromArray(S, cdf, i))).intoArray(dx, i);
        }
        for (; i < to; i++) {
            Gelu.backward(x, cdf, g, dx, i);
        }
    }

    /** {@code Phi(x)} lane by lane; NaN stays NaN. */
    private static FloatVector cdf(FloatVector x) {
        FloatVector xc = x.max(-LIMIT).min(LIMIT);
        FloatVector t = FloatVector.broadcast(S, 1f).div(xc.abs().mul(0.5f * INV_SQRT2).add(1f));
        FloatVector p = t.fma(C9, C8);
        p = p.fma(t, FloatVector.broadcast(S, C7));
        p = p.fma(t, FloatVector.broadcast(S, C6));
        p = p.fma(t, FloatVector.broadcast(S, C5));
        p = p.fma(t, FloatVector.broadcast(S, C4));
        p = p.fma(t, FloatVector.broadcast(S, C3));
        p = p.fma(t, FloatVector.broadcast(S, C2));
        p = p.fma(t, FloatVector.broadcast(S, C1));
        p = p.fma(t, FloatVector.broadcast(S, C0));
        FloatVector square = xc.mul(xc);
        FloatVector halfSquareError = xc.fma(xc, square.neg()).mul(0.5f);
        FloatVector minusHalfSquare = square.mul(-0.5f);
        FloatVector exponent = minusHalfSquare.add(p);
        FloatVector low = p.sub(exponent.sub(minusHalfSquare)).sub(halfSquareError);
        FloatVector e = exponent.lanewise(VectorOperators.EXP);
        FloatVector halfErfc = t.mul(e.fma(low, e)).mul(0.5f);
        // above zero 1 - erfc / 2, below erfc / 2 (exactly: the tail keeps its relative accuracy)
        return indicator(xc).fma(halfErfc.fma(-2f, 1f), halfErfc);
    }

    /**
     * 1 in the lanes where {@code v > 0}, else 0 (NaN stays NaN): a select by arithmetic, which
     * the JIT compiles to plain vector instructions where a masked blend fell back to a Java loop.
     * Any positive float times 2^100 is at least 1 here, as {@code v} is at most some 20 in size.
     */
    private static FloatVector indicator(FloatVector v) {
        return v.mul(0x1p100f).max(0f).min(1f);
    }
}
