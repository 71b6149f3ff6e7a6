package org.neurite.engine.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API micro-kernel: a register-blocked tile of 8 rows by 3 vectors
 * (8 x 48 floats with AVX-512), 24 accumulators held in registers across the
 * whole depth. Loaded only when {@code jdk.incubator.vector} is in the boot layer, see
 * {@link KernelChoice}.
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
    public void multiply(int kc, float[] ap, int apOff, float[] bp, int bpOff, float alpha, float beta,
                         float[] c, int cOff, int ldc, int rows, int cols, float[] tile) {
        FloatVector c0_0 = FloatVector.zero(S), c0_1 = FloatVector.zero(S), c0_2 = FloatVector.zero(S);
        FloatVector c1_0 = FloatVector.zero(S), c1_1 = FloatVector.zero(S), c1_2 = FloatVector.zero(S);
        FloatVector c2_0 = FloatVector.zero(S), c2_1 = FloatVector.zero(S), c2_2 = FloatVector.zero(S);
        FloatVector c3_0 = FloatVector.zero(S), c3_1 = FloatVector.zero(S), c3_2 = FloatVector.zero(S);
        FloatVector c4_0 = FloatVector.zero(S), c4_1 = FloatVector.zero(S), c4_2 = FloatVector.zero(S);
        FloatVector c5_0 = FloatVector.zero(S), c5_1 = FloatVector.zero(S), c5_2 = FloatVector.zero(S);
        FloatVector c6_0 = FloatVector.zero(S), c6_1 = FloatVector.zero(S), c6_2 = FloatVector.zero(S);
        FloatVector c7_0 = FloatVector.zero(S), c7_1 = FloatVector.zero(S), c7_2 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int ai = apOff + p * MR;
            int bi = bpOff + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
            FloatVector b2 = FloatVector.fromArray(S, bp, bi + 2 * L);
            FloatVector a;
            a = FloatVector.broadcast(S, ap[ai]);
            c0_0 = a.fma(b0, c0_0); c0_1 = a.fma(b1, c0_1); c0_2 = a.fma(b2, c0_2);
            a = FloatVector.broadcast(S, ap[ai + 1]);
            c1_0 = a.fma(b0, c1_0); c1_1 = a.fma(b1, c1_1); c1_2 = a.fma(b2, c1_2);
            a = FloatVector.broadcast(S, ap[ai + 2]);
            c2_0 = a.fma(b0, c2_0); c2_1 = a.fma(b1, c2_1); c2_2 = a.fma(b2, c2_2);
            a = FloatVector.broadcast(S, ap[ai + 3]);
            c3_0 = a.fma(b0, c3_0); c3_1 = a.fma(b1, c3_1); c3_2 = a.fma(b2, c3_2);
            a = FloatVector.broadcast(S, ap[ai + 4]);
            c4_0 = a.fma(b0, c4_0); c4_1 = a.fma(b1, c4_1); c4_2 = a.fma(b2, c4_2);
            a = FloatVector.broadcast(S, ap[ai + 5]);
            c5_0 = a.fma(b0, c5_0); c5_1 = a.fma(b1, c5_1); c5_2 = a.fma(b2, c5_2);
            a = FloatVector.broadcast(S, ap[ai + 6]);
            c6_0 = a.fma(b0, c6_0); c6_1 = a.fma(b1, c6_1); c6_2 = a.fma(b2, c6_2);
            a = FloatVector.broadcast(S, ap[ai + 7]);
            c7_0 = a.fma(b0, c7_0); c7_1 = a.fma(b1, c7_1); c7_2 = a.fma(b2, c7_2);
        }
        // Stores written out in place: a helper taking vectors would box them when not inlined.
        if (rows == MR && cols == NR && beta == 0f) {
            int row = cOff;
            c0_0.mul(alpha).intoArray(c, row);
            c0_1.mul(alpha).intoArray(c, row + L);
            c0_2.mul(alpha).intoArray(c, row + 2 * L);
            row += ldc;
            c1_0.mul(alpha).intoArray(c, row);
            c1_1.mul(alpha).intoArray(c, row + L);
            c1_2.mul(alpha).intoArray(c, row + 2 * L);
            row += ldc;
            c2_0.mul(alpha).intoArray(c, row);
            c2_1.mul(alpha).intoArray(c, row + L);
            c2_2.mul(alpha).intoArray(c, row + 2 * L);
            row += ldc;
            c3_0.mul(alpha).intoArray(c, row);
            c3_1.mul(alpha).intoArray(c, row + L);
            c3_2.mul(alpha).intoArray(c, row + 2 * L);
            row += ldc;
            c4_0.mul(alpha).intoArray(c, row);
            c4_1.mul(alpha).intoArray(c, row + L);
            c4_2.mul(alpha).intoArray(c, row + 2 * L);
            row += ldc;
            c5_0.mul(alpha).intoArray(c, row);
            c5_1.mul(alpha).intoArray(c, row + L);
            c5_2.mul(alpha).intoArray(c, row + 2 * L);
            row += ldc;
            c6_0.mul(alpha).intoArray(c, row);
            c6_1.mul(alpha).intoArray(c, row + L);
            c6_2.mul(alpha).intoArray(c, row + 2 * L);
            row += ldc;
            c7_0.mul(alpha).intoArray(c, row);
            c7_1.mul(alpha).intoArray(c, row + L);
            c7_2.mul(alpha).intoArray(c, row + 2 * L);
        } else if (rows == MR && cols == NR) {
            int row = cOff;
            FloatVector.fromArray(S, c, row).mul(beta).add(c0_0.mul(alpha)).intoArray(c, row);
            FloatVector.fromArray(S, c, row + L).mul(beta).add(c0_1.mul(alpha)).intoArray(c, row + L);
            FloatVector.fromArray(S, c, row + 2 * L).mul(beta).add(c0_2.mul(alpha)).intoArray(c, row + 2 * L);
            row += ldc;
            FloatVector.fromArray(S, c, row).mul(beta).add(c1_0.mul(alpha)).intoArray(c, row);
            FloatVector.fromArray(S, c, row + L).mul(beta).add(c1_1.mul(alpha)).intoArray(c, row + L);
            FloatVector.fromArray(S, c, row + 2 * L).mul(beta).add(c1_2.mul(alpha)).intoArray(c, row + 2 * L);
            row += ldc;
            FloatVector.fromArray(S, c, row).mul(beta).add(c2_0.mul(alpha)).intoArray(c, row);
            FloatVector.fromArray(S, c, row + L).mul(beta).add(c2_1.mul(alpha)).intoArray(c, row + L);
            FloatVector.fromArray(S, c, row + 2 * L).mul(beta).add(c2_2.mul(alpha)).intoArray(c, row + 2 * L);
            row += ldc;
            FloatVector.fromArray(S, c, row).mul(beta).add(c3_0.mul(alpha)).intoArray(c, row);
            FloatVector.fromArray(S, c, row + L).mul(beta).add(c3_1.mul(alpha)).intoArray(c, row + L);
            FloatVector.fromArray(S, c, row + 2 * L).mul(beta).add(c3_2.mul(alpha)).intoArray(c, row + 2 * L);
            row += ldc;
            FloatVector.fromArray(S, c, row).mul(beta).add(c4_0.mul(alpha)).intoArray(c, row);
            FloatVector.fromArray(S, c, row + L).mul(beta).add(c4_1.mul(alpha)).intoArray(c, row + L);
            FloatVector.fromArray(S, c, row + 2 * L).mul(beta).add(c4_2.mul(alpha)).intoArray(c, row + 2 * L);
            row += ldc;
            FloatVector.fromArray(S, c, row).mul(beta).add(c5_0.mul(alpha)).intoArray(c, row);
            FloatVector.fromArray(S, c, row + L).mul(beta).add(c5_1.mul(alpha)).intoArray(c, row + L);
            FloatVector.fromArray(S, c, row + 2 * L).mul(beta).add(c5_2.mul(alpha)).intoArray(c, row + 2 * L);
            row += ldc;
            FloatVector.fromArray(S, c, row).mul(beta).add(c6_0.mul(alpha)).intoArray(c, row);
            FloatVector.fromArray(S, c, row + L).mul(beta).add(c6_1.mul(alpha)).intoArray(c, row + L);
            FloatVector.fromArray(S, c, row + 2 * L).mul(beta).add(c6_2.mul(alpha)).intoArray(c, row + 2 * L);
            row += ldc;
            FloatVector.fromArray(S, c, row).mul(beta).add(c7_0.mul(alpha)).intoArray(c, row);
            FloatVector.fromArray(S, c, row + L).mul(beta).add(c7_1.mul(alpha)).intoArray(c, row + L);
            FloatVector.fromArray(S, c, row + 2 * L).mul(beta).add(c7_2.mul(alpha)).intoArray(c, row + 2 * L);
        } else {
            c0_0.mul(alpha).intoArray(tile, 0);
            c0_1.mul(alpha).intoArray(tile, L);
            c0_2.mul(alpha).intoArray(tile, 2 * L);
            c1_0.mul(alpha).intoArray(tile, 1 * NR);
            c1_1.mul(alpha).intoArray(tile, 1 * NR + L);
            c1_2.mul(alpha).intoArray(tile, 1 * NR + 2 * L);
            c2_0.mul(alpha).intoArray(tile, 2 * NR);
            c2_1.mul(alpha).intoArray(tile, 2 * NR + L);
            c2_2.mul(alpha).intoArray(tile, 2 * NR + 2 * L);
            c3_0.mul(alpha).intoArray(tile, 3 * NR);
            c3_1.mul(alpha).intoArray(tile, 3 * NR + L);
            c3_2.mul(alpha).intoArray(tile, 3 * NR + 2 * L);
            c4_0.mul(alpha).intoArray(tile, 4 * NR);
            c4_1.mul(alpha).intoArray(tile, 4 * NR + L);
            c4_2.mul(alpha).intoArray(tile, 4 * NR + 2 * L);
            c5_0.mul(alpha).intoArray(tile, 5 * NR);
            c5_1.mul(alpha).intoArray(tile, 5 * NR + L);
            c5_2.mul(alpha).intoArray(tile, 5 * NR + 2 * L);
            c6_0.mul(alpha).intoArray(tile, 6 * NR);
            c6_1.mul(alpha).intoArray(tile, 6 * NR + L);
            c6_2.mul(alpha).intoArray(tile, 6 * NR + 2 * L);
            c7_0.mul(alpha).intoArray(tile, 7 * NR);
            c7_1.mul(alpha).intoArray(tile, 7 * NR + L);
            c7_2.mul(alpha).intoArray(tile, 7 * NR + 2 * L);
            MicroKernel.storeEdge(tile, NR, beta, c, cOff, ldc, rows, cols);
        }
    }
}
