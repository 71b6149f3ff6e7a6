package org.neurite.engine.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link LayerNormRows} on the Vector API: each pass over the row is whole vectors and a plain
 * tail, the sums kept in float lanes (two accumulators, so that the additions do not wait on
 * one another); the backward passes recompute the normalised row from the input. Loaded only when {@code jdk.incubator.vector} is present, see {@link KernelChoice}.
 */
final class VectorLayerNormRows implements LayerNormRows.Rows {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    @Override
    public void forward(float[] x, int off, int width, float epsilon, float[] g, float[] b, float[] out,
                        float[] means, float[] rstd, int row) {
        int nv = width - width % L;
        FloatVector s0 = FloatVector.zero(S);
        FloatVector s1 = FloatVector.zero(S);
        int i = 0;
        for (; i + 2 * L <= nv; i += 2 * L) {
            s0 = s0.add(FloatVector.fromArray(S, x, off + i));
            s1 = s1.add(FloatVector.fromArray(S, x, off + i + L));
        }
        if (i < nv) {
            s0 = s0.add(FloatVector.fromArray(S, x, off + i));
        }
        float sum = s0.add(s1).reduceLanes(VectorOperators.ADD);
        for (i = nv; i < width; i++) {
            sum += x[off + i];
        }
        float mean = sum / width;
        FloatVector q0 = FloatVector.zero(S);
        FloatVector q1 = FloatVector.zero(S);
        for (i = 0; i + 2 * L <= nv; i += 2 * L) {
            FloatVector d0 = FloatVector.fromArray(S, x, off + i).sub(mean);
            FloatVector d1 = FloatVector.fromArray(S, x, off + i + L).sub(mean);
            q0 = d0.fma(d0, q0);
            q1 = d1.fma(d1, q1);
        }
        if (i < nv) {
            FloatVector d0 = FloatVector.fromArray(S, x, off + i).sub(mean);
            q0 = d0.fma(d0, q0);
        }
        float sq = q0.add(q1).reduceLanes(VectorOperators.ADD);
        for (i = nv; i < width; i++) {
            float d = x[off + i] - mean;
            sq += d * d;
        }
        float rs = (float) (1.0 / Math.sqrt(sq / width + epsilon));
        for (i = 0; i < nv; i += L) {
            FloatVector h = FloatVector.fromArray(S, x, off + i).sub(mean).mul(rs);
            if (g != null) {
                h = h.mul(FloatVector.fromArray(S, g, i));
            }
            if (b != null) {
                h = h.add(FloatVector.fromArray(S, b, i));
            }
            h.intoArray(out, off + i);
        }
        for (i = nv; i < width; i++) {
            float h = (x[off + i] - mean) * rs;
            if (g != null) {
                h *= g[i];
            }
            if (b != null) {
                h += b[i];
            }
            out[off + i] = h;
        }
        means[row] = mean;
        rstd[row] = rs;
    }

    @Override
    public void backward(float[] dy, float[] x, float[] g, float mean, float rs, int off, int width, float[] dx,
                         float[] dg, float[] db) {
        // xhat = (x - mean) rs, by the forward pass's operations
        int nv = width - width % L;
        FloatVector sumD = FloatVector.zero(S);
        FloatVector sumDX = FloatVector.zero(S);
        int i = 0;
        for (; i < nv; i += L) {
            FloatVector d = FloatVector.fromArray(S, dy, off + i);
            FloatVector xh = FloatVector.fromArray(S, x, off + i).sub(mean).mul(rs);
            if (dg != null) {
                d.fma(xh, FloatVector.fromArray(S, dg, i)).intoArray(dg, i);
                d.add(FloatVector.fromArray(S, db, i)).intoArray(db, i);
            }
            if (g != null) {
                d = d.mul(FloatVector.fromArray(S, g, i));
            }
            sumD = sumD.add(d);
            sumDX = d.fma(xh, sumDX);
        }
        float sd = sumD.reduceLanes(VectorOperators.ADD);
        float sdx = sumDX.reduceLanes(VectorOperators.ADD);
        for (; i < width; i++) {
            float xh = (x[off + i] - mean) * rs;
            if (dg != null) {
                dg[i] += dy[off + i] * xh;
                db[i] += dy[off + i];
            }
            float d = g == null ? dy[off + i] : dy[off + i] * g[i];
            sd += d;
            sdx += d * xh;
        }
        if (dx == null) {
            return;
        }
        float meanD = sd / width;
        float meanDX = sdx / width;
        for (i = 0; i < nv; i += L) {
            FloatVector d = FloatVector.fromArray(S, dy, off + i);
            if (g != null) {
                d = d.mul(FloatVector.fromArray(S, g, i));
            }
            // rs (d - meanD - xhat meanDX)
            FloatVector xh = FloatVector.fromArray(S, x, off + i).sub(mean).mul(rs);
            xh.fma(FloatVector.broadcast(S, -meanDX), d.sub(meanD)).mul(rs).intoArray(dx, off + i);
        }
        for (; i < width; i++) {
            float d = g == null ? dy[off + i] : dy[off + i] * g[i];
            dx[off + i] = rs * (d - meanD - (x[off + i] - mean) * rs * meanDX);
        }
    }
}
