package org.neurite.engine.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link RecurrentGates} on the Vector API: whole vectors of hidden units, the rest of a row by
 * {@link RecurrentGates.Plain}. Loaded only when {@code jdk.incubator.vector} is in the boot
 * layer, see {@link KernelChoice}.
 */
final class VectorRecurrentGates implements RecurrentGates.Kernels {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private static FloatVector at(float[] a, int i) {
        return FloatVector.fromArray(S, a, i);
    }

    @Override
    public void add(float[] a, int p, float[] b, int q, int len) {
        int j = 0;
        for (; j + L <= len; j += L) {
            at(a, p + j).add(at(b, q + j)).intoArray(a, p + j);
        }
        RecurrentGates.Plain.add(a, p, b, q, len, j);
    }

    @Override
    public void lstmState(float[] act, int p, float[] c, float[] tanhC, float[] h, int hb, float[] out, int st, int n) {
        int j = 0;
        for (; j + L <= n; j += L) {
            FloatVector cNext = at(act, p + n + j).mul(at(c, hb + j)).add(at(act, p + j).mul(at(act, p + 2 * n + j)));
            FloatVector tc = cNext.lanewise(VectorOperators.TANH);
            cNext.intoArray(c, hb + j);
            tc.intoArray(tanhC, st + j);
            FloatVector v = at(act, p + 3 * n + j).mul(tc);
            v.intoArray(h, hb + j);
            v.intoArray(out, st + j);
        }
        RecurrentGates.Plain.lstmState(act, p, c, tanhC, h, hb, out, st, n, j);
    }

    @Override
    public void gruState(float[] act, int p, float[] hh, int q, float[] hnLinear, float[] h, int hb, float[] out, int st,
                         int n) {
        int j = 0;
        for (; j + L <= n; j += L) {
            FloatVector hn = at(hh, q + 2 * n + j);
            hn.intoArray(hnLinear, st + j);
            FloatVector cand = at(act, p + 2 * n + j).add(at(act, p + j).mul(hn)).lanewise(VectorOperators.TANH);
            cand.intoArray(act, p + 2 * n + j);
            FloatVector z = at(act, p + n + j);
            FloatVector next = z.neg().add(1f).mul(cand).add(z.mul(at(h, hb + j)));
            next.intoArray(h, hb + j);
            next.intoArray(out, st + j);
        }
        RecurrentGates.Plain.gruState(act, p, hh, q, hnLinear, h, hb, out, st, n, j);
    }

    @Override
    public void tanhBackward(float[] act, int p, float[] dh, int hb, float[] d, int st, float[] dG, int n) {
        FloatVector zero = FloatVector.zero(S);
        int j = 0;
        for (; j + L <= n; j += L) {
            FloatVector a = at(act, p + j);
            at(dh, hb + j).add(at(d, st + j)).mul(a.mul(a).neg().add(1f)).intoArray(dG, p + j);
            zero.intoArray(dh, hb + j);
        }
        RecurrentGates.Plain.tanhBackward(act, p, dh, hb, d, st, dG, n, j);
    }

    @Override
    public void lstmBackward(float[] act, int p, float[] tanhC, float[] cPrev, float[] dh, float[] dc, int hb,
                             float[] d, int st, float[] dG, int n) {
        FloatVector zero = FloatVector.zero(S);
        int j = 0;
        for (; j + L <= n; j += L) {
            FloatVector dhv = at(dh, hb + j).add(at(d, st + j));
            FloatVector i = at(act, p + j);
            FloatVector f = at(act, p + n + j);
            FloatVector g = at(act, p + 2 * n + j);
            FloatVector o = at(act, p + 3 * n + j);
            FloatVector tc = at(tanhC, st + j);
            FloatVector dct = at(dc, hb + j).add(dhv.mul(o).mul(tc.mul(tc).neg().add(1f)));
            dct.mul(g).mul(i).mul(i.neg().add(1f)).intoArray(dG, p + j);
            dct.mul(at(cPrev, st + j)).mul(f).mul(f.neg().add(1f)).intoArray(dG, p + n + j);
            dct.mul(i).mul(g.mul(g).neg().add(1f)).intoArray(dG, p + 2 * n + j);
            dhv.mul(tc).mul(o).mul(o.neg().add(1f)).intoArray(dG, p + 3 * n + j);
            dct.mul(f).intoArray(dc, hb + j);
            zero.intoArray(dh, hb + j);
        }
        RecurrentGates.Plain.lstmBackward(act, p, tanhC, cPrev, dh, dc, hb, d, st, dG, n, j);
    }

    @Override
    public void gruBackward(float[] act, int p, float[] hnLinear, float[] hPrev, float[] dh, int hb, float[] d, int st,
                            float[] dGi, float[] dHn, int n) {
        int j = 0;
        for (; j + L <= n; j += L) {
            FloatVector dhv = at(dh, hb + j).add(at(d, st + j));
            FloatVector r = at(act, p + j);
            FloatVector z = at(act, p + n + j);
            FloatVector cand = at(act, p + 2 * n + j);
            FloatVector dnPre = dhv.mul(z.neg().add(1f)).mul(cand.mul(cand).neg().add(1f));
            FloatVector drPre = dnPre.mul(at(hnLinear, st + j)).mul(r).mul(r.neg().add(1f));
            FloatVector dzPre = dhv.mul(at(hPrev, st + j).sub(cand)).mul(z).mul(z.neg().add(1f));
            drPre.intoArray(dGi, p + j);
            dzPre.intoArray(dGi, p + n + j);
            dnPre.intoArray(dGi, p + 2 * n + j);
            dnPre.mul(r).intoArray(dHn, st + j);
            dhv.mul(z).intoArray(dh, hb + j);
        }
        RecurrentGates.Plain.gruBackward(act, p, hnLinear, hPrev, dh, hb, d, st, dGi, dHn, n, j);
    }
}
