package org.neurite.engine.kernel;

import java.util.Arrays;

/**
 * Plain-Java micro-kernel, used where the Vector API module is absent (or when forced by
 * {@code neurite.kernels=scalar}). Its 4 x 16 tile has a contiguous inner loop over 16
 * columns, which the JIT can vectorize on its own.
 */
final class ScalarMicroKernel implements MicroKernel {

    static final int MR = 4;
    static final int NR = 16;

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
        return "plain Java " + MR + "x" + NR;
    }

    @Override
    public void multiply(int kc, float[] ap, int apOff, int rs, int ds, float[] bp, int bpOff, float alpha, float beta,
                         float[] c, int cOff, int ldc, int rows, int cols, float[] tile, Epilogue epilogue,
                         int column) {
        Arrays.fill(tile, 0, MR * NR, 0f);
        for (int p = 0; p < kc; p++) {
            int ai = apOff + p * ds;
            int bi = bpOff + p * NR;
            for (int r = 0; r < MR; r++) {
                float av = ap[ai + r * rs];
                int ti = r * NR;
                for (int j = 0; j < NR; j++) {
                    tile[ti + j] += av * bp[bi + j];
                }
            }
        }
        MicroKernel.storeTile(tile, NR, alpha, beta, c, cOff, ldc, rows, cols, epilogue, column);
    }
}
