package org.neurite.engine.kernel;

/**
 * The element-wise work of one recurrent step on one sequence of the batch, over its
 * {@code n} hidden units: the LSTM's and GRU's state updates after the gate pre-activations, and
 * the backward of the Elman, LSTM and GRU steps. Runs on the Vector API when the GEMM does (see
 * {@link KernelChoice}), else as plain loops; both compute the same formulas in the same order.
 *
 * <p>Offsets name where a row starts in each array: {@code p} in the gate arrays ({@code [.., G]}
 * with G = gates * n, gate k at {@code p + k*n}), {@code st} in the per-step state arrays
 * ({@code [.., n]}), {@code hb} in the running state of the batch ({@code [batch, n]}).
 */
public final class RecurrentGates {

    private static final Kernels KERNELS = KernelChoice.vectorSelected() ? vectorKernels() : new Plain();

    private RecurrentGates() {
    }

    /** {@code a[p .. p+len) += b[q .. q+len)}. */
    public static void add(float[] a, int p, float[] b, int q, int len) {
        KERNELS.add(a, p, b, q, len);
    }

    /**
     * The LSTM's new state from its activated gates {@code i, f, g, o} in {@code act[p ..]}:
     * {@code c = f c + i g} in place, {@code tanhC[st ..] = tanh(c)}, {@code h = o tanh(c)} into
     * {@code h[hb ..]} and {@code out[st ..]}.
     */
    public static void lstmState(float[] act, int p, float[] c, float[] tanhC, float[] h, int hb, float[] out, int st,
                                 int n) {
        KERNELS.lstmState(act, p, c, tanhC, h, hb, out, st, n);
    }

    /**
     * The GRU's new state from {@code r, z} (activated) and the input part of {@code n} in
     * {@code act[p ..]}, and {@code W_hn h + b_hn} in {@code hh[q + 2n ..]}: keeps that in
     * {@code hnLinear[st ..]}, turns {@code act}'s third gate into {@code tanh(x_n + r hn)}, and
     * writes {@code h = (1 - z) n + z h} into {@code h[hb ..]} and {@code out[st ..]}.
     */
    public static void gruState(float[] act, int p, float[] hh, int q, float[] hnLinear, float[] h, int hb, float[] out,
                                int st, int n) {
        KERNELS.gruState(act, p, hh, q, hnLinear, h, hb, out, st, n);
    }

    /**
     * The Elman tanh step's backward: {@code dG[p ..] = (dh[hb ..] + d[st ..]) (1 - a^2)} with
     * {@code a = act[p ..]}; clears {@code dh[hb ..]}.
     */
    public static void tanhBackward(float[] act, int p, float[] dh, int hb, float[] d, int st, float[] dG, int n) {
        KERNELS.tanhBackward(act, p, dh, hb, d, st, dG, n);
    }

    /**
     * The LSTM step's backward: the gate gradients into {@code dG[p ..]}, {@code dc[hb ..]} turned
     * into the gradient of the cell state before the step; clears {@code dh[hb ..]}.
     */
    public static void lstmBackward(float[] act, int p, float[] tanhC, float[] cPrev, float[] dh, float[] dc, int hb,
                                    float[] d, int st, float[] dG, int n) {
        KERNELS.lstmBackward(act, p, tanhC, cPrev, dh, dc, hb, d, st, dG, n);
    }

    /**
     * The GRU step's backward: the gradients of the input-side pre-activations into
     * {@code dGi[p ..]}; the state side's are the same for r and z, and {@code dn r} for n, which
     * goes into {@code dHn[st ..]}; {@code dh[hb ..]} turned into the direct part of the gradient
     * of the state before the step ({@code dh z}).
     */
    public static void gruBackward(float[] act, int p, float[] hnLinear, float[] hPrev, float[] dh, int hb, float[] d,
                                   int st, float[] dGi, float[] dHn, int n) {
        KERNELS.gruBackward(act, p, hnLinear, hPrev, dh, hb, d, st, dGi, dHn, n);
    }

    // Kept apart so that VectorRecurrentGates is resolved only when this runs.
    private static Kernels vectorKernels() {
        return new VectorRecurrentGates();
    }

    /** The operations above; the vector form hands its tails (from unit {@code j0} on) to {@link Plain}. */
    interface Kernels {
        void add(float[] a, int p, float[] b, int q, int len);

        void lstmState(float[] act, int p, float[] c, float[] tanhC, float[] h, int hb, float[] out, int st, int n);

        void gruState(float[] act, int p, float[] hh, int q, float[] hnLinear, float[] h, int hb, float[] out, int st,
                      int n);

        void tanhBackward(float[] act, int p, float[] dh, int hb, float[] d, int st, float[] dG, int n);

        void lstmBackward(float[] act, int p, float[] tanhC, float[] cPrev, float[] dh, float[] dc, int hb, float[] d,
                          int st, float[] dG, int n);

        void gruBackward(float[] act, int p, float[] hnLinear, float[] hPrev, float[] dh, int hb, float[] d, int st,
                         float[] dGi, float[] dHn, int n);
    }

    /** Plain loops; each static form starts at unit {@code j0}, so the vector form can finish a row with it. */
    static final class Plain implements Kernels {

        @Override
        public void add(float[] a, int p, float[] b, int q, int len) {
            add(a, p, b, q, len, 0);
        }

        static void add(float[] a, int p, float[] b, int q, int len, int j0) {
            for (int j = j0; j < len; j++) {
                a[p + j] += b[q + j];
            }
        }

        @Override
        public void lstmState(float[] act, int p, float[] c, float[] tanhC, float[] h, int hb, float[] out, int st,
                              int n) {
            lstmState(act, p, c, tanhC, h, hb, out, st, n, 0);
        }

        static void lstmState(float[] act, int p, float[] c, float[] tanhC, float[] h, int hb, float[] out, int st,
                              int n, int j0) {
            for (int j = j0; j < n; j++) {
                float cNext = act[p + n + j] * c[hb + j] + act[p + j] * act[p + 2 * n + j];
                float tc = Squashing.tanh(cNext);
                c[hb + j] = cNext;
                tanhC[st + j] = tc;
                float v = act[p + 3 * n + j] * tc;
                h[hb + j] = v;
                out[st + j] = v;
            }
        }

        @Override
        public void gruState(float[] act, int p, float[] hh, int q, float[] hnLinear, float[] h, int hb, float[] out,
                             int st, int n) {
            gruState(act, p, hh, q, hnLinear, h, hb, out, st, n, 0);
        }

        static void gruState(float[] act, int p, float[] hh, int q, float[] hnLinear, float[] h, int hb, float[] out,
                             int st, int n, int j0) {
            for (int j = j0; j < n; j++) {
                float hn = hh[q + 2 * n + j];
                hnLinear[st + j] = hn;
                float cand = Squashing.tanh(act[p + 2 * n + j] + act[p + j] * hn);
                act[p + 2 * n + j] = cand;
                float z = act[p + n + j];
                float next = (1f - z) * cand + z * h[hb + j];
                h[hb + j] = next;
                out[st + j] = next;
            }
        }

        @Override
        public void tanhBackward(float[] act, int p, float[] dh, int hb, float[] d, int st, float[] dG, int n) {
            tanhBackward(act, p, dh, hb, d, st, dG, n, 0);
        }

        static void tanhBackward(float[] act, int p, float[] dh, int hb, float[] d, int st, float[] dG, int n, int j0) {
            for (int j = j0; j < n; j++) {
                float a = act[p + j];
                dG[p + j] = (dh[hb + j] + d[st + j]) * (1f - a * a);
                dh[hb + j] = 0f;
            }
        }

        @Override
        public void lstmBackward(float[] act, int p, float[] tanhC, float[] cPrev, float[] dh, float[] dc, int hb,
                                 float[] d, int st, float[] dG, int n) {
            lstmBackward(act, p, tanhC, cPrev, dh, dc, hb, d, st, dG, n, 0);
        }

        static void lstmBackward(float[] act, int p, float[] tanhC, float[] cPrev, float[] dh, float[] dc, int hb,
                                 float[] d, int st, float[] dG, int n, int j0) {
            for (int j = j0; j < n; j++) {
                float dhv = dh[hb + j] + d[st + j];
                float i = act[p + j];
                float f = act[p + n + j];
                float g = act[p + 2 * n + j];
                float o = act[p + 3 * n + j];
                float tc = tanhC[st + j];
                float dct = dc[hb + j] + dhv * o * (1f - tc * tc);
                dG[p + j] = dct * g * i * (1f - i);
                dG[p + n + j] = dct * cPrev[st + j] * f * (1f - f);
                dG[p + 2 * n + j] = dct * i * (1f - g * g);
                dG[p + 3 * n + j] = dhv * tc * o * (1f - o);
                dc[hb + j] = dct * f;
                dh[hb + j] = 0f;
            }
        }

        @Override
        public void gruBackward(float[] act, int p, float[] hnLinear, float[] hPrev, float[] dh, int hb, float[] d,
                                int st, float[] dGi, float[] dHn, int n) {
            gruBackward(act, p, hnLinear, hPrev, dh, hb, d, st, dGi, dHn, n, 0);
        }

        static void gruBackward(float[] act, int p, float[] hnLinear, float[] hPrev, float[] dh, int hb, float[] d,
                                int st, float[] dGi, float[] dHn, int n, int j0) {
            for (int j = j0; j < n; j++) {
                float dhv = dh[hb + j] + d[st + j];
                float r = act[p + j];
                float z = act[p + n + j];
                float cand = act[p + 2 * n + j];
                float dnPre = dhv * (1f - z) * (1f - cand * cand);
                float drPre = dnPre * hnLinear[st + j] * r * (1f - r);
                float dzPre = dhv * (hPrev[st + j] - cand) * z * (1f - z);
                dGi[p + j] = drPre;
                dGi[p + n + j] = dzPre;
                dGi[p + 2 * n + j] = dnPre;
                dHn[st + j] = dnPre * r;
                dh[hb + j] = dhv * z;
            }
        }
    }
}
