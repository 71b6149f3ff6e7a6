package org.neurite.engine.kernel;

/**
 * Cache-blocked matrix multiply around one {@link MicroKernel}, in the classic layered scheme:
 * columns of C in blocks of {@code nc}, the depth in blocks of {@code kc} (a packed
 * {@code kc x nc} panel of B stays in the outer caches), rows in blocks of {@code mc} (an
 * {@code mc x kc} panel of A stays in L2), then tiles of {@code mr x nr} that live in registers.
 * B is packed; A is read where it is (see {@link #multiplyBlock}). Large products are split
 * over {@link Parallel} into independent blocks of C; each thread packs into buffers of its
 * own, reused from call to call.
 */
final class BlockedGemm {

    /** Below this many multiply-adds a product runs on the calling thread. */
    static final long PARALLEL_MIN_WORK = 1L << 21;
    /**
     * What packing one float of B costs, in multiply-adds of the micro-kernel: packing
     * moves about one float per cycle (a transposing copy), the vector kernel does some 32
     * multiply-adds per cycle (16 lanes, two FMA units).
     */
    static final long PACK_COST = 32;

    private final MicroKernel kernel;
    private final int mr;
    private final int nr;
    private final int kcMax;
    private final int kcPackedMax;
    private final int mcMax;
    private final int ncMax;
    private final ThreadLocal<Workspace> workspaces;

    /**
     * @param kcPackedMax the longest depth block of a B packed ahead ({@link #pack}): such a B is
     *     not packed per call, so its blocks may be deeper, and a product whose whole depth fits
     *     one block writes each tile of C once, finished (bias and ReLU included)
     */
    BlockedGemm(MicroKernel kernel, int kcMax, int kcPackedMax, int mcMax, int ncMax) {
        this.kernel = kernel;
        this.mr = kernel.mr();
        this.nr = kernel.nr();
        this.kcMax = kcMax;
        this.kcPackedMax = kcPackedMax;
        this.mcMax = roundUp(mcMax, mr);
        this.ncMax = roundUp(ncMax, nr);
        this.workspaces = ThreadLocal.withInitial(() -> new Workspace(mr * nr));
    }

    /** @return the kernel doing the innermost work */
    MicroKernel kernel() {
        return kernel;
    }

    /** {@code C = alpha * op(A) * op(B) + beta * C}; arguments already checked, {@code m, n, k > 0}. */
    void multiply(boolean transA, boolean transB, int m, int n, int k, float alpha,
                  float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                  float beta, float[] c, int cOff, int ldc) {
        int threads = Parallel.threads();
        if (threads == 1 || (long) m * n * k < PARALLEL_MIN_WORK) {
            serial(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        int rowTiles = ceilDiv(m, mr);
        int colTiles = ceilDiv(n, nr);
        int rowParts = rowParts(threads, rowTiles, colTiles);
        int colParts = Math.min(threads / rowParts, colTiles);
        int parts = rowParts * colParts;
        Parallel.forRange(parts, 1, (start, end) -> {
            for (int part = start; part < end; part++) {
                int i0 = Math.min(m, split(rowTiles, rowParts, part / colParts) * mr);
                int i1 = Math.min(m, split(rowTiles, rowParts, part / colParts + 1) * mr);
                int j0 = Math.min(n, split(colTiles, colParts, part % colParts) * nr);
                int j1 = Math.min(n, split(colTiles, colParts, part % colParts + 1) * nr);
                if (i1 > i0 && j1 > j0) {
                    serial(transA, transB, i1 - i0, j1 - j0, k, alpha,
                            a, aOff + (transA ? i0 : i0 * lda), lda,
                            b, bOff + (transB ? j0 * ldb : j0), ldb,
                            beta, c, cOff + i0 * ldc + j0, ldc);
                }
            }
        });
    }

    /**
     * Chooses how many parts the rows are split into (the columns take the rest of the threads):
     * the split whose largest part costs least, counting its tiles' multiply-adds and the panels
     * of B it packs (each part packs the columns of B it covers, so a split of the rows packs all
     * of B in every part; A is read in place), then the squarest parts.
     */
    private int rowParts(int threads, int rowTiles, int colTiles) {
        int best = 1;
        long bestCost = Long.MAX_VALUE;
        long bestPerimeter = Long.MAX_VALUE;
        for (int rows = 1; rows <= threads; rows++) {
            if (threads % rows != 0 || rows > rowTiles) {
                continue;
            }
            int cols = Math.min(threads / rows, colTiles);
            long partRows = ceilDiv(rowTiles, rows);
            long partCols = ceilDiv(colTiles, cols);
            long cost = partRows * partCols * mr * nr + PACK_COST * partCols * nr;
            long perimeter = partRows + partCols;
            if (cost < bestCost || (cost == bestCost && perimeter < bestPerimeter)) {
                best = rows;
                bestCost = cost;
                bestPerimeter = perimeter;
            }
        }
        return best;
    }

    private void serial(boolean transA, boolean transB, int m, int n, int k, float alpha,
                        float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                        float beta, float[] c, int cOff, int ldc) {
        // Equal blocks rather than full blocks plus a sliver (784 = 4 x 196, not 3 x 256 + 16).
        int kcStep = ceilDiv(k, ceilDiv(k, kcMax));
        int mcStep = roundUp(ceilDiv(m, ceilDiv(m, mcMax)), mr);
        int ncStep = roundUp(ceilDiv(n, ceilDiv(n, ncMax)), nr);
        Workspace ws = workspaces.get();
        float[] bPack = ws.bPanel(kcStep * ncStep);
        for (int jc = 0; jc < n; jc += ncStep) {
            int nc = Math.min(ncStep, n - jc);
            for (int pc = 0; pc < k; pc += kcStep) {
                int kc = Math.min(kcStep, k - pc);
                PanelPacking.packB(transB, b, bOff, ldb, pc, kc, jc, nc, nr, bPack, 0);
                multiplyBlock(transA, m, mcStep, alpha, a, aOff, lda, pc, kc, bPack, 0, jc, nc,
                        pc == 0 ? beta : 1f, c, cOff, ldc, Epilogue.NONE, ws);
            }
        }
    }

    /**
     * Multiplies rows {@code [0, m)} of op(A), depths {@code [pc, pc + kc)}, by one packed
     * {@code kc x nc} block of B at {@code bPack[block]} into columns {@code [jc, jc + nc)} of C.
     * The micro-kernel reads A in place, strip by strip, with A's own strides: packing A would
     * copy (and transpose) every element once per block of B, which costs as much as a good part
     * of the product when B has few columns. Only a last strip of fewer than {@code mr} rows is
     * packed, zero-padded, so that the kernel always reads whole strips. The epilogue is applied
     * to each tile as it is stored, so it is given only with the last block of the depth.
     */
    private void multiplyBlock(boolean transA, int m, int mcStep, float alpha, float[] a, int aOff, int lda,
                               int pc, int kc, float[] bPack, int block, int jc, int nc, float beta,
                               float[] c, int cOff, int ldc, Epilogue epilogue, Workspace ws) {
        int rs = transA ? 1 : lda;
        int ds = transA ? lda : 1;
        int wholeRows = m / mr * mr;
        float[] edge = null;
        if (wholeRows < m) {
            edge = ws.aPanel(kc * mr);
            PanelPacking.packA(transA, a, aOff, lda, wholeRows, m - wholeRows, pc, kc, mr, edge);
        }
        float[] tile = ws.tile;
        // Rows in blocks of mcStep: the block's strips of A stay in L2 while every strip of B passes.
        for (int ic = 0; ic < m; ic += mcStep) {
            int icEnd = Math.min(m, ic + mcStep);
            for (int jr = 0; jr < nc; jr += nr) {
                int cols = Math.min(nr, nc - jr);
                int bpOff = block + jr * kc;
                for (int ir = ic; ir < icEnd; ir += mr) {
                    int cAt = cOff + ir * ldc + jc + jr;
                    if (ir < wholeRows) {
                        kernel.multiply(kc, a, aOff + ir * rs + pc * ds, rs, ds, bPack, bpOff, alpha, beta,
                                c, cAt, ldc, mr, cols, tile, epilogue, jc + jr);
                    } else {
                        kernel.multiply(kc, edge, 0, 1, mr, bPack, bpOff, alpha, beta,
                                c, cAt, ldc, m - ir, cols, tile, epilogue, jc + jr);
                    }
                }
            }
        }
    }

    /**
     * Packs all of {@code op(B)} ({@code k x n}) in the blocks {@link #serial} would pack, for
     * {@link #multiplyPacked}: block {@code (jc, pc)} at {@code offsets[jcBlock * kBlocks + pcBlock]}.
     */
    Gemm.PackedB pack(boolean transB, int k, int n, float[] b, int bOff, int ldb) {
        int kcStep = ceilDiv(k, ceilDiv(k, kcPackedMax));
        int ncStep = roundUp(ceilDiv(n, ceilDiv(n, ncMax)), nr);
        int kBlocks = ceilDiv(k, kcStep);
        int nBlocks = ceilDiv(n, ncStep);
        int[] offsets = new int[kBlocks * nBlocks];
        int size = 0;
        for (int jc = 0, jb = 0; jc < n; jc += ncStep, jb++) {
            int ncPadded = roundUp(Math.min(ncStep, n - jc), nr);
            for (int pc = 0, pb = 0; pc < k; pc += kcStep, pb++) {
                offsets[jb * kBlocks + pb] = size;
                size += Math.min(kcStep, k - pc) * ncPadded;
            }
        }
        float[] data = new float[size];
        for (int jc = 0, jb = 0; jc < n; jc += ncStep, jb++) {
            int nc = Math.min(ncStep, n - jc);
            for (int pc = 0, pb = 0; pc < k; pc += kcStep, pb++) {
                int kc = Math.min(kcStep, k - pc);
                PanelPacking.packB(transB, b, bOff, ldb, pc, kc, jc, nc, nr, data, offsets[jb * kBlocks + pb]);
            }
        }
        return new Gemm.PackedB(this, k, n, kcStep, ncStep, kBlocks, offsets, data);
    }

    /**
     * {@code C = epilogue(alpha * op(A) * B + beta * C)} with B packed by {@link #pack}; arguments
     * already checked, {@code m > 0}. Large products split their rows over {@link Parallel}.
     */
    void multiplyPacked(boolean transA, int m, float alpha, float[] a, int aOff, int lda, Gemm.PackedB b,
                        float beta, float[] c, int cOff, int ldc, Epilogue epilogue) {
        int threads = Parallel.threads();
        int rowTiles = ceilDiv(m, mr);
        if (threads == 1 || rowTiles == 1 || (long) m * b.n() * b.k() < PARALLEL_MIN_WORK) {
            serialPacked(transA, m, alpha, a, aOff, lda, b, beta, c, cOff, ldc, epilogue);
            return;
        }
        int parts = Math.min(threads, rowTiles);
        Parallel.forRange(parts, 1, (start, end) -> {
            for (int part = start; part < end; part++) {
                int i0 = Math.min(m, split(rowTiles, parts, part) * mr);
                int i1 = Math.min(m, split(rowTiles, parts, part + 1) * mr);
                if (i1 > i0) {
                    serialPacked(transA, i1 - i0, alpha, a, aOff + (transA ? i0 : i0 * lda), lda, b, beta,
                            c, cOff + i0 * ldc, ldc, epilogue);
                }
            }
        });
    }

    private void serialPacked(boolean transA, int m, float alpha, float[] a, int aOff, int lda, Gemm.PackedB b,
                              float beta, float[] c, int cOff, int ldc, Epilogue epilogue) {
        int k = b.k();
        int n = b.n();
        int mcStep = roundUp(ceilDiv(m, ceilDiv(m, mcMax)), mr);
        Workspace ws = workspaces.get();
        for (int jc = 0, jb = 0; jc < n; jc += b.ncStep(), jb++) {
            int nc = Math.min(b.ncStep(), n - jc);
            for (int pc = 0, pb = 0; pc < k; pc += b.kcStep(), pb++) {
                int kc = Math.min(b.kcStep(), k - pc);
                multiplyBlock(transA, m, mcStep, alpha, a, aOff, lda, pc, kc, b.data(),
                        b.offsets()[jb * b.kBlocks() + pb], jc, nc, pc == 0 ? beta : 1f, c, cOff, ldc,
                        pc + kc == k ? epilogue : Epilogue.NONE, ws);
            }
        }
    }

    /** Start (in tiles) of part {@code p} when {@code tiles} are split into {@code parts} near-equal parts. */
    private static int split(int tiles, int parts, int p) {
        return (int) ((long) tiles * p / parts);
    }

    private static int ceilDiv(int x, int y) {
        return (x + y - 1) / y;
    }

    private static int roundUp(int x, int multiple) {
        return ceilDiv(x, multiple) * multiple;
    }

    /** One thread's packing buffers; they grow to the largest block seen and are then reused. */
    private static final class Workspace {
        final float[] tile;
        private float[] aPanel = new float[0];
        private float[] bPanel = new float[0];

        Workspace(int tileSize) {
            this.tile = new float[tileSize];
        }

        float[] aPanel(int size) {
            if (aPanel.length < size) {
                aPanel = new float[size];
            }
            return aPanel;
        }

        float[] bPanel(int size) {
            if (bPanel.length < size) {
                bPanel = new float[size];
            }
            return bPanel;
        }
    }
}
