package org.neurite.engine.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API micro-kernel: a register-blocked tile of 8 rows by 2 vectors
 * (8 x 32 floats with AVX-512), 16 accumulators held in registers across the
 * whole depth. Loaded only when {@code jdk.incubator.vector} is in the boot layer, see
 * {@link KernelChoice}.
 */
final class VectorMicroKernel implements MicroKernel {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    static final int MR = 8;
    static final int NR = 2 * L;

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
    public void multiply(int kc, float[] ap, int apOff, float[] bp, int bpOff, float alpha, float beta,
                         float[] c, int cOff, int ldc, int rows, int cols, float[] tile) {
        FloatVector c0_0 = FloatVector.zero(S), c0_1 = FloatVector.zero(S);
        FloatVector c1_0 = FloatVector.zero(S), c1_1 = FloatVector.zero(S);
        FloatVector c2_0 = FloatVector.zero(S), c2_1 = FloatVector.zero(S);
        FloatVector c3_0 = FloatVector.zero(S), c3_1 = FloatVector.zero(S);
        FloatVector c4_0 = FloatVector.zero(S), c4_1 = FloatVector.zero(S);
        FloatVector c5_0 = FloatVector.zero(S), c5_1 = FloatVector.zero(S);
        FloatVector c6_0 = FloatVector.zero(S), c6_1 = FloatVector.zero(S);
        FloatVector c7_0 = FloatVector.zero(S), c7_1 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int ai = apOff + p * MR;
            int bi = bpOff + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
            FloatVector a;
            a = FloatVector.broadcast(S, ap[ai]);
            c0_0 = a.fma(b0, c0_0); c0_1 = a.fma(b1, c0_1);
            a = FloatVector.broadcast(S, ap[ai + 1]);
            c1_0 = a.fma(b0, c1_0); c1_1 = a.fma(b1, c1_1);
            a = FloatVector.broadcast(S, ap[ai + 2]);
            c2_0 = a.fma(b0, c2_0); c2_1 = a.fma(b1, c2_1);
            a = FloatVector.broadcast(S, ap[ai + 3]);
            c3_0 = a.fma(b0, c3_0); c3_1 = a.fma(b1, c3_1);
            a = FloatVector.broadcast(S, ap[ai + 4]);
            c4_0 = a.fma(b0, c4_0); c4_1 = a.fma(b1, c4_1);
            a = FloatVector.broadcast(S, ap[ai + 5]);
            c5_0 = a.fma(b0, c5_0); c5_1 = a.fma(b1, c5_1);
            a = FloatVector.broadcast(S, ap[ai + 6]);
            c6_0 = a.fma(b0, c6_0); c6_1 = a.fma(b1, c6_1);
            a = FloatVector.broadcast(S, ap[ai + 7]);
            c7_0 = a.fma(b0, c7_0); c7_1 = a.fma(b1, c7_1);
        }
        if (rows == MR && cols == NR) {
            store(c0_0, alpha, beta, c, cOff);
            store(c0_1, alpha, beta, c, cOff + L);
            store(c1_0, alpha, beta, c, cOff + 1 * ldc);
            store(c1_1, alpha, beta, c, cOff + 1 * ldc + L);
            store(c2_0, alpha, beta, c, cOff + 2 * ldc);
            store(c2_1, alpha, beta, c, cOff + 2 * ldc + L);
            store(c3_0, alpha, beta, c, cOff + 3 * ldc);
            store(c3_1, alpha, beta, c, cOff + 3 * ldc + L);
            store(c4_0, alpha, beta, c, cOff + 4 * ldc);
            store(c4_1, alpha, beta, c, cOff + 4 * ldc + L);
            store(c5_0, alpha, beta, c, cOff + 5 * ldc);
            store(c5_1, alpha, beta, c, cOff + 5 * ldc + L);
            store(c6_0, alpha, beta, c, cOff + 6 * ldc);
            store(c6_1, alpha, beta, c, cOff + 6 * ldc + L);
            store(c7_0, alpha, beta, c, cOff + 7 * ldc);
            store(c7_1, alpha, beta, c, cOff + 7 * ldc + L);
        } else {
            c0_0.mul(alpha).intoArray(tile, 0);
            c0_1.mul(alpha).intoArray(tile, L);
            c1_0.mul(alpha).intoArray(tile, 1 * NR);
            c1_1.mul(alpha).intoArray(tile, 1 * NR + L);
            c2_0.mul(alpha).intoArray(tile, 2 * NR);
            c2_1.mul(alpha).intoArray(tile, 2 * NR + L);
            c3_0.mul(alpha).intoArray(tile, 3 * NR);
            c3_1.mul(alpha).intoArray(tile, 3 * NR + L);
            c4_0.mul(alpha).intoArray(tile, 4 * NR);
            c4_1.mul(alpha).intoArray(tile, 4 * NR + L);
            c5_0.mul(alpha).intoArray(tile, 5 * NR);
            c5_1.mul(alpha).intoArray(tile, 5 * NR + L);
            c6_0.mul(alpha).intoArray(tile, 6 * NR);
            c6_1.mul(alpha).intoArray(tile, 6 * NR + L);
            c7_0.mul(alpha).intoArray(tile, 7 * NR);
            c7_1.mul(alpha).intoArray(tile, 7 * NR + L);
            MicroKernel.storeEdge(tile, NR, beta, c, cOff, ldc, rows, cols);
        }
    }

    private static void store(FloatVector acc, float alpha, float beta, float[] c, int ci) {
        FloatVector v = acc.mul(alpha);
        if (beta != 0f) {
            v = FloatVector.fromArray(S, c, ci).mul(beta).add(v);
        }
        v.intoArray(c, ci);
    }
}
