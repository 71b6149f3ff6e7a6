package org.neurite.engine.kernel;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * The engine's one thread pool for heavy kernels, sized from the machine. Work is split into
 * contiguous index ranges; small jobs run on the calling thread.
 *
 * <p>The pool has {@link Runtime#availableProcessors()} daemon threads unless the system
 * property {@code neurite.threads} says otherwise. The caller always runs one chunk itself, so
 * a loop split into {@code t} chunks keeps {@code t} threads busy. A call made inside a chunk
 * (on a pool thread or on the caller running its own chunk) runs inline, so nested parallel
 * loops never wait on each other nor put more threads to work than the pool has.
 */
public final class Parallel {

    /** System property that sets the number of threads (at least 1). */
    public static final String THREADS_PROPERTY = "neurite.threads";

    private static final int THREADS = configuredThreads();
    private static final ExecutorService POOL = THREADS > 1 ? newPool(THREADS) : null;
    /** Marks threads running a chunk (the pool's, and a caller during its own chunk), so that nested calls run inline. */
    private static final ThreadLocal<Boolean> IN_POOL = ThreadLocal.withInitial(() -> false);

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

    /** @return how many threads a parallel loop may use (the pool's size) */
    public static int threads() {
        return THREADS;
    }

    /**
     * Runs {@code body} over {@code [0, count)} in chunks of at least {@code minChunk} indices,
     * on the pool's threads, and returns when all are done. Runs inline when the work fits one
     * chunk, when the pool has one thread, or when called from a pool thread. An exception
     * thrown by any chunk is rethrown here once every chunk has finished (further ones are
     * attached to it as suppressed).
     *
     * @param count the number of indices
     * @param minChunk the smallest chunk worth a thread of its own
     * @param body the work for one chunk
     * @throws IllegalArgumentException if {@code count} is negative or {@code minChunk} below 1
     */
    public static void forRange(int count, int minChunk, RangeBody body) {
        if (count < 0 || minChunk < 1) {
            throw new IllegalArgumentException("Parallel.forRange: count must be >= 0 and minChunk >= 1, got count="
                    + count + ", minChunk=" + minChunk);
        }
        if (count == 0) {
            return;
        }
        int chunks = (int) Math.min(THREADS, ((long) count + minChunk - 1) / minChunk);
        if (chunks <= 1 || IN_POOL.get()) {
            body.run(0, count);
            return;
        }
        Join join = new Join(chunks - 1, Thread.currentThread());
        for (int c = 1; c < chunks; c++) {
            int start = chunkStart(count, chunks, c);
            int end = chunkStart(count, chunks, c + 1);
            POOL.execute(() -> join.run(body, start, end));
        }
        IN_POOL.set(true);
        try {
            join.run(body, 0, chunkStart(count, chunks, 1), false);
        } finally {
            IN_POOL.set(false);
        }
        join.awaitOthers();
        join.rethrow();
    }

    /**
     * Runs {@code work} with every parallel loop inside it on the calling thread. For work made of
     * many tiny loops, such as one generated token (a product of one row, attention of one query),
     * where handing a chunk to a pool thread and waiting for it costs more than the chunk itself.
     *
     * @param work the work
     * @param <T> what it returns
     * @return what {@code work} returned
     */
    public static <T> T onCallingThread(Supplier<T> work) {
        if (IN_POOL.get()) {
            return work.get();
        }
        IN_POOL.set(true);
        try {
            return work.get();
        } finally {
            IN_POOL.set(false);
        }
    }

    /** Splits {@code count} into {@code chunks} near-equal contiguous parts; returns where part {@code c} starts. */
    private static int chunkStart(int count, int chunks, int c) {
        return (int) ((long) count * c / chunks);
    }

    /** Tracks the chunks handed to the pool, and the first failure of any chunk. */
    private static final class Join {
        private final AtomicInteger pending;
        private final Thread caller;
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        Join(int pending, Thread caller) {
            this.pending = new AtomicInteger(pending);
            this.caller = caller;
        }

        void run(RangeBody body, int start, int end) {
            run(body, start, end, true);
        }

        void run(RangeBody body, int start, int end, boolean pooled) {
            try {
                body.run(start, end);
            } catch (Throwable t) {
                if (!failure.compareAndSet(null, t)) {
                    synchronized (this) {
                        failure.get().addSuppressed(t);
                    }
                }
            } finally {
                if (pooled && pending.decrementAndGet() == 0) {
                    LockSupport.unpark(caller);
                }
            }
        }

        void awaitOthers() {
            // A short spin catches chunks that finish together with the caller's own,
            // which is the common case for balanced kernels; then park.
            for (int spin = 0; spin < 2_000 && pending.get() > 0; spin++) {
                Thread.onSpinWait();
            }
            boolean interrupted = false;
            while (pending.get() > 0) {
                LockSupport.park(this);
                interrupted |= Thread.interrupted();
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        void rethrow() {
            Throwable t = failure.get();
            if (t instanceof RuntimeException r) {
                throw r;
            }
            if (t instanceof Error e) {
                throw e;
            }
            if (t != null) {
                throw new IllegalStateException("parallel chunk failed", t);
            }
        }
    }

    private static int configuredThreads() {
        String value = System.getProperty(THREADS_PROPERTY);
        if (value == null || value.isBlank()) {
            return Math.max(1, Runtime.getRuntime().availableProcessors());
        }
        try {
            int threads = Integer.parseInt(value.trim());
            if (threads < 1) {
                throw new NumberFormatException("below 1");
            }
            return threads;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("system property " + THREADS_PROPERTY
                    + " must be a whole number >= 1, got '" + value + "'", e);
        }
    }

    private static ExecutorService newPool(int threads) {
        AtomicInteger index = new AtomicInteger();
        return Executors.newFixedThreadPool(threads, task -> {
            Thread t = new Thread(() -> {
                IN_POOL.set(true);
                task.run();
            }, "neurite-kernel-" + index.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }
}
