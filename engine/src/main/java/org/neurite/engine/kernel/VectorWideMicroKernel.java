package org.neurite.engine.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API micro-kernel of 6 rows by 4 vectors (6 x 64 floats with AVX-512), for products
 * whose width is a multiple of 4 vectors but not of 3 (64 output channels: one strip instead of
 * {@link VectorMicroKernel}'s 48-column strip plus a 16-column edge strip, whose 8 multiply-adds
 * per 9 loads ran at a third of the whole strips' rate). 24 accumulators in registers, as in
 * {@link VectorMicroKernel}, with 24 multiply-adds per 10 loads; each element of C is summed
 * over the depth in the same order, so the two kernels give the same floats.
 *
 * <p>There is one method for every width: {@link KernelChoice#forColumns} gives this kernel
 * only products whose width is a whole number of strips, and a narrower strip (which the
 * blocking never makes for those) would multiply the zero padding of the packed B and still be
 * right. Written out by hand for the reasons given in {@link VectorMicroKernel}.
 */
final class VectorWideMicroKernel implements MicroKernel {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    static final int MR = 6;
    static final int NR = 4 * L;

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
        // Stored apart from the loop, as in VectorMicroKernel, so that only the loop's values
        // compete for the vector registers.
        fourVectors(kc, ap, apOff, rs, ds, bp, bpOff, tile);
        VectorMicroKernel.store(tile, NR, alpha, beta, c, cOff, ldc, rows, cols, epilogue, column);
    }

    /** The whole tile: 4 vectors per row. */
    private static void fourVectors(int kc, float[] ap, int apOff, int rs, int ds, float[] bp, int bpOff, float[] tile) {
        FloatVector c0_0 = FloatVector.zero(S), c0_1 = FloatVector.zero(S), c0_2 = FloatVector.zero(S), c0_3 = FloatVector.zero(S);
        FloatVector c1_0 = FloatVector.zero(S), c1_1 = FloatVector.zero(S), c1_2 = FloatVector.zero(S), c1_3 = FloatVector.zero(S);
        FloatVector c2_0 = FloatVector.zero(S), c2_1 = FloatVector.zero(S), c2_2 = FloatVector.zero(S), c2_3 = FloatVector.zero(S);
        FloatVector c3_0 = FloatVector.zero(S), c3_1 = FloatVector.zero(S), c3_2 = FloatVector.zero(S), c3_3 = FloatVector.zero(S);
        FloatVector c4_0 = FloatVector.zero(S), c4_1 = FloatVector.zero(S), c4_2 = FloatVector.zero(S), c4_3 = FloatVector.zero(S);
        FloatVector c5_0 = FloatVector.zero(S), c5_1 = FloatVector.zero(S), c5_2 = FloatVector.zero(S), c5_3 = FloatVector.zero(S);
        int r1 = rs, r2 = 2 * rs, r3 = 3 * rs, r4 = 4 * rs, r5 = 5 * rs;
        for (int p = 0, ai = apOff; p < kc; p++, ai += ds) {
            int bi = bpOff + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
            FloatVector b2 = FloatVector.fromArray(S, bp, bi + 2 * L);
            FloatVector b3 = FloatVector.fromArray(S, bp, bi + 3 * L);
            FloatVector a;
            a = FloatVector.broadcast(S, ap[ai]);
            c0_0 = a.fma(b0, c0_0); c0_1 = a.fma(b1, c0_1); c0_2 = a.fma(b2, c0_2); c0_3 = a.fma(b3, c0_3);
            a = FloatVector.broadcast(S, ap[ai + r1]);
            c1_0 = a.fma(b0, c1_0); c1_1 = a.fma(b1, c1_1); c1_2 = a.fma(b2, c1_2); c1_3 = a.fma(b3, c1_3);
            a = FloatVector.broadcast(S, ap[ai + r2]);
            c2_0 = a.fma(b0, c2_0); c2_1 = a.fma(b1, c2_1); c2_2 = a.fma(b2, c2_2); c2_3 = a.fma(b3, c2_3);
            a = FloatVector.broadcast(S, ap[ai + r3]);
            c3_0 = a.fma(b0, c3_0); c3_1 = a.fma(b1, c3_1); c3_2 = a.fma(b2, c3_2); c3_3 = a.fma(b3, c3_3);
            a = FloatVector.broadcast(S, ap[ai + r4]);
            c4_0 = a.fma(b0, c4_0); c4_1 = a.fma(b1, c4_1); c4_2 = a.fma(b2, c4_2); c4_3 = a.fma(b3, c4_3);
            a = FloatVector.broadcast(S, ap[ai + r5]);
            c5_0 = a.fma(b0, c5_0); c5_1 = a.fma(b1, c5_1); c5_2 = a.fma(b2, c5_2); c5_3 = a.fma(b3, c5_3);
        }
        c0_0.intoArray(tile, 0 * NR); c0_1.intoArray(tile, 0 * NR + L); c0_2.intoArray(tile, 0 * NR + 2 * L); c0_3.intoArray(tile, 0 * NR + 3 * L);
        c1_0.intoArray(tile, 1 * NR); c1_1.intoArray(tile, 1 * NR + L); c1_2.intoArray(tile, 1 * NR + 2 * L); c1_3.intoArray(tile, 1 * NR + 3 * L);
        c2_0.intoArray(tile, 2 * NR); c2_1.intoArray(tile, 2 * NR + L); c2_2.intoArray(tile, 2 * NR + 2 * L); c2_3.intoArray(tile, 2 * NR + 3 * L);
        c3_0.intoArray(tile, 3 * NR); c3_1.intoArray(tile, 3 * NR + L); c3_2.intoArray(tile, 3 * NR + 2 * L); c3_3.intoArray(tile, 3 * NR + 3 * L);
        c4_0.intoArray(tile, 4 * NR); c4_1.intoArray(tile, 4 * NR + L); c4_2.intoArray(tile, 4 * NR + 2 * L); c4_3.intoArray(tile, 4 * NR + 3 * L);
        c5_0.intoArray(tile, 5 * NR); c5_1.intoArray(tile, 5 * NR + L); c5_2.intoArray(tile, 5 * NR + 2 * L); c5_3.intoArray(tile, 5 * NR + 3 * L);
    }
}
