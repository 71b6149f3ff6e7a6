package org.neurite.engine.kernel;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Weight matrices packed once for {@link Gemm} and reused by every product with them, for
 * callers whose weights do not change, such as a predictor: packing a dense layer's weight
 * (a transposing copy) on every batch costs a few percent of the product. A cache is keyed on
 * the identity of the weight's array, so later changes to that array's values are not seen.
 *
 * <p>A caller makes its cache current on its thread for the span of a forward pass with
 * {@link #open()}; layers ask {@link #transposed} for their weight, and compute as usual when no
 * cache is open. One cache may be open on several threads at once.
 */
public final class PackedWeights {

    private static final ThreadLocal<PackedWeights> CURRENT = new ThreadLocal<>();

    private final Map<float[], Gemm.PackedB> packed = new IdentityHashMap<>();

    /** Makes a cache current on one thread until closed, then restores the one before. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * @return a scope in which {@link #transposed} on this thread answers from this cache
     */
    public Scope open() {
        PackedWeights before = CURRENT.get();
        CURRENT.set(this);
        return () -> {
            if (before == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(before);
            }
        };
    }

    /**
     * The transpose of a weight stored {@code [n, k]} (as a PyTorch linear layer's), packed as
     * {@link Gemm#pack(boolean, int, int, float[], int, int)} with {@code transB} does, from the
     * cache current on this thread.
     *
     * @param weight the weight's values, {@code n x k} row-major
     * @param n rows of the weight as stored (columns of the product)
     * @param k columns of the weight as stored (the depth of the product)
     * @param rows rows of the product it is for: fewer than {@link Gemm}'s row-by-row limit run
     *     from the weight as stored, so they get none
     * @return the packed {@code k x n} matrix, or {@code null} if no cache is current here or
     *     the product is too short to use one
     */
    public static Gemm.PackedB transposed(float[] weight, int n, int k, int rows) {
        PackedWeights cache = CURRENT.get();
        if (cache == null || rows < RowKernel.MAX_ROWS) {
            return null;
        }
        synchronized (cache.packed) {
            Gemm.PackedB b = cache.packed.get(weight);
            if (b == null || b.k() != k || b.n() != n) {
                b = Gemm.pack(true, k, n, weight, 0, k);
                cache.packed.put(weight, b);
            }
            return b;
        }
    }
}
