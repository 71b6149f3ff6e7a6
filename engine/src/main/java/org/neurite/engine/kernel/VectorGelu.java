package org.neurite.engine.kernel;

import java.util.Arrays;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Gelu} on the Vector API, whole vectors at a time and the tail element by element.
 * {@code Phi(x)} with {@code z = x / sqrt 2}: near zero ({@code |z| < 0.5}) {@code 1/2 + z S(z^2) / 2}
 * with {@link Erf}'s Taylor series; elsewhere {@code erfc(|z|) = t exp(P(t) - x^2 / 2)} with its
 * Chebyshev tail {@code P}, {@code t = 2 / (2 + |z|)}, giving {@code erfc / 2} below zero and
 * {@code 1 - erfc / 2} above. The exponent's {@code x^2} is carried as two floats (the product and
 * its rounding error, by a fused multiply-add), so that the tail keeps its relative accuracy.
 * Loaded only when {@code jdk.incubator.vector} is in the boot layer, see {@link KernelChoice}.
 */
final class VectorGelu implements Gelu.Functions {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final float INV_SQRT2 = 0.70710677f;
    /** Beyond it {@code Phi} is 0 or 1 in float; clamping keeps {@code x^2} finite. */
    private static final float LIMIT = 20f;
    /**
     * The leading terms that float precision needs (the series' first dropped term is below 1e-10
     * for {@code |z| < 0.5}, the sum of the dropped Chebyshev coefficients below 1e-8): fewer
     * vector operations let C2 compile {@link #cdf} with all of them inlined.
     */
    private static final float[] TAYLOR = floats(Arrays.copyOf(Erf.TAYLOR, 8));
    private static final float[] TAIL = floats(Arrays.copyOf(Erf.TAIL, 11));

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
        FloatVector z = xc.mul(INV_SQRT2);
        FloatVector a = z.abs();
        // near zero: 1/2 + z S(z^2) / 2
        FloatVector z2 = z.mul(z);
        FloatVector s = FloatVector.broadcast(S, TAYLOR[TAYLOR.length - 1]);
        for (int m = TAYLOR.length - 2; m >= 0; m--) {
            s = s.fma(z2, FloatVector.broadcast(S, TAYLOR[m]));
        }
        FloatVector near = z.mul(s).fma(0.5f, 0.5f);
        // the tail: erfc(|z|) = t exp(P(t) - x^2 / 2), P by Clenshaw's recurrence in u = 2.5 t - 1
        FloatVector t = FloatVector.broadcast(S, 2f).div(a.add(2f));
        FloatVector u = t.fma(2.5f, -1f);
        FloatVector u2 = u.add(u);
        FloatVector b1 = FloatVector.zero(S);
        FloatVector b2 = FloatVector.zero(S);
        for (int k = TAIL.length - 1; k >= 1; k--) {
            FloatVector b0 = u2.fma(b1, b2.neg()).add(TAIL[k]);
            b2 = b1;
            b1 = b0;
        }
        FloatVector p = u.fma(b1, b2.neg()).add(TAIL[0]);
        FloatVector square = xc.mul(xc);
        FloatVector squareError = xc.fma(xc, square.neg());
        FloatVector exponent = p.sub(square.mul(0.5f)).sub(squareError.mul(0.5f));
        FloatVector halfErfc = t.mul(exponent.lanewise(VectorOperators.EXP)).mul(0.5f);
        // above zero 1 - erfc / 2, below erfc / 2 (exactly: the tail keeps its relative accuracy)
        FloatVector tail = halfErfc.add(indicator(xc).mul(halfErfc.fma(-2f, 1f)));
        FloatVector isNear = indicator(FloatVector.broadcast(S, (float) Erf.SERIES_LIMIT).sub(a));
        return tail.add(isNear.mul(near.sub(tail)));
    }

    /**
     * 1 in the lanes where {@code v > 0}, else 0 (NaN stays NaN): a select by arithmetic, which
     * the JIT compiles to plain vector instructions where a masked blend fell back to a Java loop.
     * Any positive float times 2^100 is at least 1 here, as {@code v} is at most some 20 in size.
     */
    private static FloatVector indicator(FloatVector v) {
        return v.mul(0x1p100f).max(0f).min(1f);
    }

    private static float[] floats(double[] values) {
        float[] f = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            f[i] = (float) values[i];
        }
        return f;
    }
}
