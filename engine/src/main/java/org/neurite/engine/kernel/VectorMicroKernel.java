package org.neurite.engine.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API micro-kernel: a register-blocked tile of 8 rows by 3 vectors (8 x 48 floats
 * with AVX-512), 24 accumulators held in registers across the whole depth. Loaded only when
 * {@code jdk.incubator.vector} is in the boot layer, see {@link KernelChoice}.
 *
 * <p>Written out by hand-unrolling (no arrays of vectors, no helpers taking vectors) so that the
 * JIT keeps every accumulator in a register: a vector passed to a method that is not inlined is
 * boxed. The kernels only accumulate into the tile; {@link #multiply} stores it, so that no other
 * value competes with the accumulators for registers across the loop. Narrow edge strips have their own smaller methods, which skip the vectors that would only
 * multiply padding and keep each method small enough for the JIT to compile quickly.
 *
 * <p>The depth loop keeps a bounds check per load of A and two for the three loads of B (C2's
 * range-check elimination takes neither {@code ai + r * rs}, a second running index, nor
 * {@code p * 48}, which it rewrites as two shifts). Loops without them were measured and not
 * kept (README, "The GEMM micro-kernel's bounds checks"): with A's rows side by side the checks
 * merge to two per depth, at 0.94-1.07x this loop's CPU time; with A read at {@code ap[a_r + p]} they leave
 * the loop, but then C2 loads all of a depth's A values first and, in the 6 x 64 kernel, spills
 * accumulators (up to 1.34x slower). The loop is bound by its multiply-adds, beside which the
 * checks issue.
 */
final class VectorMicroKernel implements MicroKernel {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    static final int MR = 8;
    static final int NR = 3 * L;

    /** @return whether this machine has vectors of at least 8 floats (else the plain kernel is faster) */
    static boolean worthwhile() {
        return L >= 8;
    }

    @Override
    public int mr() {
        return MR;
    }

    @Override
    public int nr() {
        return NR;
    }

    @Override
    public String description() {
        return "Vector API " + MR + "x" + NR + " (" + L + " float lanes)";
    }

    @Override
    public void multiply(int kc, float[] ap, int apOff, int rs, int ds, float[] bp, int bpOff, float alpha, float beta,
                         float[] c, int cOff, int ldc, int rows, int cols, float[] tile, Epilogue epilogue,
                         int column) {
        // The tile is stored here, not at the end of each kernel, so that nothing but the loop's own
        // values lives across the loop: with alpha, beta and the store's arguments live too, C2 ran
        // short of the 32 vector registers in some processes and kept a third of the accumulators
        // on the stack, and the whole loop took about 2.3x as long.
        if (cols > 2 * L) {
            threeVectors(kc, ap, apOff, rs, ds, bp, bpOff, tile);
        } else if (cols > L) {
            twoVectors(kc, ap, apOff, rs, ds, bp, bpOff, tile);
        } else {
            oneVector(kc, ap, apOff, rs, ds, bp, bpOff, tile);
        }
        store(tile, NR, alpha, beta, c, cOff, ldc, rows, cols, epilogue, column);
    }

    /** The whole tile: 3 vectors per row. */
    private static void threeVectors(int kc, float[] ap, int apOff, int rs, int ds, float[] bp, int bpOff, float[] tile) {
        FloatVector c0_0 = FloatVector.zero(S), c0_1 = FloatVector.zero(S), c0_2 = FloatVector.zero(S);
        FloatVector c1_0 = FloatVector.zero(S), c1_1 = FloatVector.zero(S), c1_2 = FloatVector.zero(S);
        FloatVector c2_0 = FloatVector.zero(S), c2_1 = FloatVector.zero(S), c2_2 = FloatVector.zero(S);
        FloatVector c3_0 = FloatVector.zero(S), c3_1 = FloatVector.zero(S), c3_2 = FloatVector.zero(S);
        FloatVector c4_0 = FloatVector.zero(S), c4_1 = FloatVector.zero(S), c4_2 = FloatVector.zero(S);
        FloatVector c5_0 = FloatVector.zero(S), c5_1 = FloatVector.zero(S), c5_2 = FloatVector.zero(S);
        FloatVector c6_0 = FloatVector.zero(S), c6_1 = FloatVector.zero(S), c6_2 = FloatVector.zero(S);
        FloatVector c7_0 = FloatVector.zero(S), c7_1 = FloatVector.zero(S), c7_2 = FloatVector.zero(S);
        int r1 = rs, r2 = 2 * rs, r3 = 3 * rs, r4 = 4 * rs, r5 = 5 * rs, r6 = 6 * rs, r7 = 7 * rs;
        for (int p = 0, ai = apOff; p < kc; p++, ai += ds) {
            int bi = bpOff + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
            FloatVector b2 = FloatVector.fromArray(S, bp, bi + 2 * L);
            FloatVector a;
            a = FloatVector.broadcast(S, ap[ai]);
            c0_0 = a.fma(b0, c0_0); c0_1 = a.fma(b1, c0_1); c0_2 = a.fma(b2, c0_2);
            a = FloatVector.broadcast(S, ap[ai + r1]);
            c1_0 = a.fma(b0, c1_0); c1_1 = a.fma(b1, c1_1); c1_2 = a.fma(b2, c1_2);
            a = FloatVector.broadcast(S, ap[ai + r2]);
            c2_0 = a.fma(b0, c2_0); c2_1 = a.fma(b1, c2_1); c2_2 = a.fma(b2, c2_2);
            a = FloatVector.broadcast(S, ap[ai + r3]);
            c3_0 = a.fma(b0, c3_0); c3_1 = a.fma(b1, c3_1); c3_2 = a.fma(b2, c3_2);
            a = FloatVector.broadcast(S, ap[ai + r4]);
            c4_0 = a.fma(b0, c4_0); c4_1 = a.fma(b1, c4_1); c4_2 = a.fma(b2, c4_2);
            a = FloatVector.broadcast(S, ap[ai + r5]);
            c5_0 = a.fma(b0, c5_0); c5_1 = a.fma(b1, c5_1); c5_2 = a.fma(b2, c5_2);
            a = FloatVector.broadcast(S, ap[ai + r6]);
            c6_0 = a.fma(b0, c6_0); c6_1 = a.fma(b1, c6_1); c6_2 = a.fma(b2, c6_2);
            a = FloatVector.broadcast(S, ap[ai + r7]);
            c7_0 = a.fma(b0, c7_0); c7_1 = a.fma(b1, c7_1); c7_2 = a.fma(b2, c7_2);
        }
        c0_0.intoArray(tile, 0 * NR); c0_1.intoArray(tile, 0 * NR + L); c0_2.intoArray(tile, 0 * NR + 2 * L);
        c1_0.intoArray(tile, 1 * NR); c1_1.intoArray(tile, 1 * NR + L); c1_2.intoArray(tile, 1 * NR + 2 * L);
        c2_0.intoArray(tile, 2 * NR); c2_1.intoArray(tile, 2 * NR + L); c2_2.intoArray(tile, 2 * NR + 2 * L);
        c3_0.intoArray(tile, 3 * NR); c3_1.intoArray(tile, 3 * NR + L); c3_2.intoArray(tile, 3 * NR + 2 * L);
        c4_0.intoArray(tile, 4 * NR); c4_1.intoArray(tile, 4 * NR + L); c4_2.intoArray(tile, 4 * NR + 2 * L);
        c5_0.intoArray(tile, 5 * NR); c5_1.intoArray(tile, 5 * NR + L); c5_2.intoArray(tile, 5 * NR + 2 * L);
        c6_0.intoArray(tile, 6 * NR); c6_1.intoArray(tile, 6 * NR + L); c6_2.intoArray(tile, 6 * NR + 2 * L);
        c7_0.intoArray(tile, 7 * NR); c7_1.intoArray(tile, 7 * NR + L); c7_2.intoArray(tile, 7 * NR + 2 * L);
    }

    /** An edge strip at most 2 vectors wide. */
    private static void twoVectors(int kc, float[] ap, int apOff, int rs, int ds, float[] bp, int bpOff, float[] tile) {
        FloatVector c0_0 = FloatVector.zero(S), c0_1 = FloatVector.zero(S);
        FloatVector c1_0 = FloatVector.zero(S), c1_1 = FloatVector.zero(S);
        FloatVector c2_0 = FloatVector.zero(S), c2_1 = FloatVector.zero(S);
        FloatVector c3_0 = FloatVector.zero(S), c3_1 = FloatVector.zero(S);
        FloatVector c4_0 = FloatVector.zero(S), c4_1 = FloatVector.zero(S);
        FloatVector c5_0 = FloatVector.zero(S), c5_1 = FloatVector.zero(S);
        FloatVector c6_0 = FloatVector.zero(S), c6_1 = FloatVector.zero(S);
        FloatVector c7_0 = FloatVector.zero(S), c7_1 = FloatVector.zero(S);
        int r1 = rs, r2 = 2 * rs, r3 = 3 * rs, r4 = 4 * rs, r5 = 5 * rs, r6 = 6 * rs, r7 = 7 * rs;
        for (int p = 0, ai = apOff; p < kc; p++, ai += ds) {
            int bi = bpOff + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
            FloatVector a;
            a = FloatVector.broadcast(S, ap[ai]);
            c0_0 = a.fma(b0, c0_0); c0_1 = a.fma(b1, c0_1);
            a = FloatVector.broadcast(S, ap[ai + r1]);
            c1_0 = a.fma(b0, c1_0); c1_1 = a.fma(b1, c1_1);
            a = FloatVector.broadcast(S, ap[ai + r2]);
            c2_0 = a.fma(b0, c2_0); c2_1 = a.fma(b1, c2_1);
            a = FloatVector.broadcast(S, ap[ai + r3]);
            c3_0 = a.fma(b0, c3_0); c3_1 = a.fma(b1, c3_1);
            a = FloatVector.broadcast(S, ap[ai + r4]);
            c4_0 = a.fma(b0, c4_0); c4_1 = a.fma(b1, c4_1);
            a = FloatVector.broadcast(S, ap[ai + r5]);
            c5_0 = a.fma(b0, c5_0); c5_1 = a.fma(b1, c5_1);
            a = FloatVector.broadcast(S, ap[ai + r6]);
            c6_0 = a.fma(b0, c6_0); c6_1 = a.fma(b1, c6_1);
            a = FloatVector.broadcast(S, ap[ai + r7]);
            c7_0 = a.fma(b0, c7_0); c7_1 = a.fma(b1, c7_1);
        }
        c0_0.intoArray(tile, 0 * NR); c0_1.intoArray(tile, 0 * NR + L);
        c1_0.intoArray(tile, 1 * NR); c1_1.intoArray(tile, 1 * NR + L);
        c2_0.intoArray(tile, 2 * NR); c2_1.intoArray(tile, 2 * NR + L);
        c3_0.intoArray(tile, 3 * NR); c3_1.intoArray(tile, 3 * NR + L);
        c4_0.intoArray(tile, 4 * NR); c4_1.intoArray(tile, 4 * NR + L);
        c5_0.intoArray(tile, 5 * NR); c5_1.intoArray(tile, 5 * NR + L);
        c6_0.intoArray(tile, 6 * NR); c6_1.intoArray(tile, 6 * NR + L);
        c7_0.intoArray(tile, 7 * NR); c7_1.intoArray(tile, 7 * NR + L);
    }

    /** An edge strip at most 1 vector wide. */
    private static void oneVector(int kc, float[] ap, int apOff, int rs, int ds, float[] bp, int bpOff, float[] tile) {
        FloatVector c0_0 = FloatVector.zero(S);
        FloatVector c1_0 = FloatVector.zero(S);
        FloatVector c2_0 = FloatVector.zero(S);
        FloatVector c3_0 = FloatVector.zero(S);
        FloatVector c4_0 = FloatVector.zero(S);
        FloatVector c5_0 = FloatVector.zero(S);
        FloatVector c6_0 = FloatVector.zero(S);
        FloatVector c7_0 = FloatVector.zero(S);
        int r1 = rs, r2 = 2 * rs, r3 = 3 * rs, r4 = 4 * rs, r5 = 5 * rs, r6 = 6 * rs, r7 = 7 * rs;
        for (int p = 0, ai = apOff; p < kc; p++, ai += ds) {
            int bi = bpOff + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector a;
            a = FloatVector.broadcast(S, ap[ai]);
            c0_0 = a.fma(b0, c0_0);
            a = FloatVector.broadcast(S, ap[ai + r1]);
            c1_0 = a.fma(b0, c1_0);
            a = FloatVector.broadcast(S, ap[ai + r2]);
            c2_0 = a.fma(b0, c2_0);
            a = FloatVector.broadcast(S, ap[ai + r3]);
            c3_0 = a.fma(b0, c3_0);
            a = FloatVector.broadcast(S, ap[ai + r4]);
            c4_0 = a.fma(b0, c4_0);
            a = FloatVector.broadcast(S, ap[ai + r5]);
            c5_0 = a.fma(b0, c5_0);
            a = FloatVector.broadcast(S, ap[ai + r6]);
            c6_0 = a.fma(b0, c6_0);
            a = FloatVector.broadcast(S, ap[ai + r7]);
            c7_0 = a.fma(b0, c7_0);
        }
        c0_0.intoArray(tile, 0 * NR);
        c1_0.intoArray(tile, 1 * NR);
        c2_0.intoArray(tile, 2 * NR);
        c3_0.intoArray(tile, 3 * NR);
        c4_0.intoArray(tile, 4 * NR);
        c5_0.intoArray(tile, 5 * NR);
        c6_0.intoArray(tile, 6 * NR);
        c7_0.intoArray(tile, 7 * NR);
    }

    /**
     * {@code C = epilogue(alpha * tile + beta * C)} over {@code rows x cols} of a tile whose rows are
     * {@code nr} apart; vectors are made here from the tile array, so none crosses a method boundary.
     */
    static void store(float[] tile, int nr, float alpha, float beta, float[] c, int cOff, int ldc, int rows, int cols,
                              Epilogue epilogue, int column) {
        float[] bias = epilogue.bias();
        boolean relu = epilogue.relu();
        for (int r = 0; r < rows; r++) {
            int t = r * nr;
            int row = cOff + r * ldc;
            int j = 0;
            for (; j + L <= cols; j += L) {
                FloatVector v = FloatVector.fromArray(S, tile, t + j).mul(alpha);
                if (beta != 0f) {
                    v = FloatVector.fromArray(S, c, row + j).mul(beta).add(v);
                }
                if (bias != null) {
                    v = v.add(FloatVector.fromArray(S, bias, column + j));
                }
                if (relu) {
                    v = v.max(0f);
                }
                v.intoArray(c, row + j);
            }
            for (; j < cols; j++) {
                c[row + j] = MicroKernel.finish(alpha * tile[t + j], beta, c[row + j], epilogue, column + j);
            }
        }
    }
}
