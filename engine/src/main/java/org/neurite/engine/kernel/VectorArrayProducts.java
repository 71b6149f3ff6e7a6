package org.neurite.engine.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API {@link CpuArrayKernels.Products}: a query against cached keys is a dot product
 * per key, four keys at a time sharing each load of the query; the weighted sum of cached values
 * keeps its columns in registers over all the keys. A product by packed weights holds a panel of
 * four vectors of outputs in registers for each of two rows, so that each load of the weight
 * serves both. Loaded only when {@code jdk.incubator.vector} is present, see {@link KernelChoice}.
 */
final class VectorArrayProducts implements CpuArrayKernels.Products {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    /** Four vectors: enough independent sums to hide the latency of a fused multiply-add. */
    private static final int PANEL = 4 * L;

    @Override
    public int panelWidth() {
        return PANEL;
    }

    @Override
    public void panels(float[] x, int xOff, int rows, int k, float[] packed, int n, int from, int to, float[] y,
                       int yOff) {
        int i = 0;
        for (; i + 2 <= rows; i += 2) {
            twoRows(x, xOff + i * k, k, packed, n, from, to, y, yOff + i * n);
        }
        if (i < rows) {
            oneRow(x, xOff + i * k, k, packed, n, from, to, y, yOff + i * n);
        }
    }

    /**
     * The rows at {@code a} and {@code a + k} times the packed weight's panels of outputs
     * {@code [from, to)}, into the rows at {@code c} and {@code c + n}.
     */
    private static void twoRows(float[] x, int a, int k, float[] packed, int n, int from, int to, float[] y, int c) {
        int at = from * k;
        for (int j = from; j < to; j += PANEL) {
            FloatVector s0 = FloatVector.zero(S), s1 = FloatVector.zero(S);
            FloatVector s2 = FloatVector.zero(S), s3 = FloatVector.zero(S);
            FloatVector t0 = FloatVector.zero(S), t1 = FloatVector.zero(S);
            FloatVector t2 = FloatVector.zero(S), t3 = FloatVector.zero(S);
            for (int p = 0; p < k; p++, at += PANEL) {
                FloatVector u = FloatVector.broadcast(S, x[a + p]);
                FloatVector v = FloatVector.broadcast(S, x[a + k + p]);
                FloatVector w0 = FloatVector.fromArray(S, packed, at);
                FloatVector w1 = FloatVector.fromArray(S, packed, at + L);
                FloatVector w2 = FloatVector.fromArray(S, packed, at + 2 * L);
                FloatVector w3 = FloatVector.fromArray(S, packed, at + 3 * L);
                s0 = u.fma(w0, s0);
                s1 = u.fma(w1, s1);
                s2 = u.fma(w2, s2);
                s3 = u.fma(w3, s3);
                t0 = v.fma(w0, t0);
                t1 = v.fma(w1, t1);
                t2 = v.fma(w2, t2);
                t3 = v.fma(w3, t3);
            }
            store(s0, s1, s2, s3, y, c, j, to);
            store(t0, t1, t2, t3, y, c + n, j, to);
        }
    }

    /**
     * The row at {@code a} times the packed weight's panels of outputs {@code [from, to)}, into
     * the row at {@code c}.
     */
    private static void oneRow(float[] x, int a, int k, float[] packed, int n, int from, int to, float[] y, int c) {
        int at = from * k;
        for (int j = from; j < to; j += PANEL) {
            FloatVector s0 = FloatVector.zero(S), s1 = FloatVector.zero(S);
            FloatVector s2 = FloatVector.zero(S), s3 = FloatVector.zero(S);
            for (int p = 0; p < k; p++, at += PANEL) {
                FloatVector u = FloatVector.broadcast(S, x[a + p]);
                s0 = u.fma(FloatVector.fromArray(S, packed, at), s0);
                s1 = u.fma(FloatVector.fromArray(S, packed, at + L), s1);
                s2 = u.fma(FloatVector.fromArray(S, packed, at + 2 * L), s2);
                s3 = u.fma(FloatVector.fromArray(S, packed, at + 3 * L), s3);
            }
            store(s0, s1, s2, s3, y, c, j, to);
        }
    }

    /** A panel's outputs {@code j..} of a row starting at {@code c}, none at or past {@code n}. */
    private static void store(FloatVector s0, FloatVector s1, FloatVector s2, FloatVector s3, float[] y, int c, int j,
                              int n) {
        if (j + PANEL <= n) {
            s0.intoArray(y, c + j);
            s1.intoArray(y, c + j + L);
            s2.intoArray(y, c + j + 2 * L);
            s3.intoArray(y, c + j + 3 * L);
        } else { // one call per vector: vectors put in an array would be boxed, at ten times the cost of the product
            part(s0, y, c + j, n - j);
            part(s1, y, c + j + L, n - j - L);
            part(s2, y, c + j + 2 * L, n - j - 2 * L);
            part(s3, y, c + j + 3 * L, n - j - 3 * L);
        }
    }

    /** The first {@code left} lanes of {@code v} (all of them, or none) at {@code y[at]}. */
    private static void part(FloatVector v, float[] y, int at, int left) {
        if (left >= L) {
            v.intoArray(y, at);
        } else if (left > 0) {
            v.intoArray(y, at, S.indexInRange(0, left));
        }
    }

    /** Sums in float lanes: a row of a few hundred values loses nothing a test of 1e-5 could see. */
    @Override
    public void layerNorm(float[] x, int xOff, int rows, int n, float[] gamma, float[] beta, float epsilon, float[] y,
                          int yOff) {
        int nv = n - n % L;
        for (int r = 0; r < rows; r++) {
            int in = xOff + r * n;
            int out = yOff + r * n;
            FloatVector s = FloatVector.zero(S);
            for (int i = 0; i < nv; i += L) {
                s = s.add(FloatVector.fromArray(S, x, in + i));
            }
            float sum = s.reduceLanes(VectorOperators.ADD);
            for (int i = nv; i < n; i++) {
                sum += x[in + i];
            }
            float mean = sum / n;
            FloatVector q = FloatVector.zero(S);
            for (int i = 0; i < nv; i += L) {
                FloatVector d = FloatVector.fromArray(S, x, in + i).sub(mean);
                q = d.fma(d, q);
            }
            float sq = q.reduceLanes(VectorOperators.ADD);
            for (int i = nv; i < n; i++) {
                float d = x[in + i] - mean;
                sq += d * d;
            }
            float rs = (float) (1.0 / Math.sqrt(sq / n + epsilon));
            for (int i = 0; i < nv; i += L) {
                FloatVector h = FloatVector.fromArray(S, x, in + i).sub(mean).mul(rs);
                if (gamma != null) {
                    h = h.mul(FloatVector.fromArray(S, gamma, i));
                }
                if (beta != null) {
                    h = h.add(FloatVector.fromArray(S, beta, i));
                }
                h.intoArray(y, out + i);
            }
            for (int i = nv; i < n; i++) {
                float h = (x[in + i] - mean) * rs;
                y[out + i] = (gamma == null ? h : h * gamma[i]) + (beta == null ? 0f : beta[i]);
            }
        }
    }

    @Override
    public void dots(float[] x, int xOff, int k, float[] m, int mOff, int ldm, int n, float[] y, int yOff) {
        dotRows(x, xOff, k, m, mOff, ldm, n, y, yOff);
    }

    /**
     * {@code y[yOff + j] = x . m[mOff + j ldm, ...]} over {@code k} for {@code j < n}; also the row
     * kernel's products with a transposed B ({@link VectorRowKernel}).
     */
    static void dotRows(float[] x, int xOff, int k, float[] m, int mOff, int ldm, int n, float[] y, int yOff) {
        int j = 0;
        for (; j + 4 <= n; j += 4) {
            dot4(x, xOff, k, m, mOff + j * ldm, ldm, y, yOff + j);
        }
        for (; j < n; j++) {
            y[yOff + j] = dot1(x, xOff, k, m, mOff + j * ldm);
        }
    }

    @Override
    public void weightedSum(float[] a, int aOff, int n, float[] m, int mOff, int ldm, int k, float[] y, int yOff) {
        int p = 0;
        for (; p + 2 * L <= k; p += 2 * L) {
            FloatVector s0 = FloatVector.zero(S);
            FloatVector s1 = FloatVector.zero(S);
            for (int j = 0; j < n; j++) {
                FloatVector aj = FloatVector.broadcast(S, a[aOff + j]);
                int row = mOff + j * ldm + p;
                s0 = aj.fma(FloatVector.fromArray(S, m, row), s0);
                s1 = aj.fma(FloatVector.fromArray(S, m, row + L), s1);
            }
            s0.intoArray(y, yOff + p);
            s1.intoArray(y, yOff + p + L);
        }
        for (; p + L <= k; p += L) {
            FloatVector s0 = FloatVector.zero(S);
            for (int j = 0; j < n; j++) {
                s0 = FloatVector.broadcast(S, a[aOff + j]).fma(FloatVector.fromArray(S, m, mOff + j * ldm + p), s0);
            }
            s0.intoArray(y, yOff + p);
        }
        for (; p < k; p++) {
            float s = 0f;
            for (int j = 0; j < n; j++) {
                s += a[aOff + j] * m[mOff + j * ldm + p];
            }
            y[yOff + p] = s;
        }
    }

    /** {@code y[at + r] = x . m[b0 + r ldm, ...]} for the four rows {@code r < 4}. */
    private static void dot4(float[] x, int xOff, int k, float[] m, int b0, int ldm, float[] y, int at) {
        int b1 = b0 + ldm;
        int b2 = b1 + ldm;
        int b3 = b2 + ldm;
        int kv = k - k % L;
        FloatVector s0 = FloatVector.zero(S), s1 = FloatVector.zero(S);
        FloatVector s2 = FloatVector.zero(S), s3 = FloatVector.zero(S);
        for (int p = 0; p < kv; p += L) {
            FloatVector v = FloatVector.fromArray(S, x, xOff + p);
            s0 = v.fma(FloatVector.fromArray(S, m, b0 + p), s0);
            s1 = v.fma(FloatVector.fromArray(S, m, b1 + p), s1);
            s2 = v.fma(FloatVector.fromArray(S, m, b2 + p), s2);
            s3 = v.fma(FloatVector.fromArray(S, m, b3 + p), s3);
        }
        float t0 = s0.reduceLanes(VectorOperators.ADD);
        float t1 = s1.reduceLanes(VectorOperators.ADD);
        float t2 = s2.reduceLanes(VectorOperators.ADD);
        float t3 = s3.reduceLanes(VectorOperators.ADD);
        for (int p = kv; p < k; p++) {
            float v = x[xOff + p];
            t0 += v * m[b0 + p];
            t1 += v * m[b1 + p];
            t2 += v * m[b2 + p];
            t3 += v * m[b3 + p];
        }
        y[at] = t0;
        y[at + 1] = t1;
        y[at + 2] = t2;
        y[at + 3] = t3;
    }

    /** {@code x . m[b0, ...]} over {@code k}. */
    private static float dot1(float[] x, int xOff, int k, float[] m, int b0) {
        int kv = k - k % L;
        FloatVector s = FloatVector.zero(S);
        for (int p = 0; p < kv; p += L) {
            s = FloatVector.fromArray(S, x, xOff + p).fma(FloatVector.fromArray(S, m, b0 + p), s);
        }
        float t = s.reduceLanes(VectorOperators.ADD);
        for (int p = kv; p < k; p++) {
            t += x[xOff + p] * m[b0 + p];
        }
        return t;
    }

    /**
     * Whole vectors through the lanewise {@code EXP} (a query's scores over up to a context of
     * steps: a few vectors), the tail element by element.
     */
    @Override
    public void softmax(float[] s, int from, int n, float scale) {
        int end = from + n;
        int vectorEnd = from + n - n % L;
        FloatVector maxes = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        for (int j = from; j < vectorEnd; j += L) {
            FloatVector v = FloatVector.fromArray(S, s, j).mul(scale);
            v.intoArray(s, j);
            maxes = maxes.max(v);
        }
        float max = maxes.reduceLanes(VectorOperators.MAX);
        for (int j = vectorEnd; j < end; j++) {
            s[j] *= scale;
            max = Math.max(max, s[j]);
        }
        FloatVector sums = FloatVector.zero(S);
        for (int j = from; j < vectorEnd; j += L) {
            FloatVector e = FloatVector.fromArray(S, s, j).sub(max).lanewise(VectorOperators.EXP);
            e.intoArray(s, j);
            sums = sums.add(e);
        }
        float sum = sums.reduceLanes(VectorOperators.ADD);
        for (int j = vectorEnd; j < end; j++) {
            s[j] = (float) Math.exp(s[j] - max);
            sum += s[j];
        }
        float inv = 1f / sum;
        for (int j = from; j < vectorEnd; j += L) {
            FloatVector.fromArray(S, s, j).mul(inv).intoArray(s, j);
        }
        for (int j = vectorEnd; j < end; j++) {
            s[j] *= inv;
        }
    }
}
