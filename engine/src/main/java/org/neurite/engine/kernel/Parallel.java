package org.neurite.engine.kernel;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * The engine's one set of threads for heavy kernels, sized from the machine. Work is split into
 * contiguous index ranges; small jobs run on the calling thread.
 *
 * <p>Up to {@link Runtime#availableProcessors()} threads work on a loop (the caller and its
 * helper threads) unless the system property {@code neurite.threads} says otherwise. A loop is
 * cut into at most that many chunks: the caller runs the first at once (the same part of the data
 * as in its loops before and after, so still in its core's cache), the helpers claim the others
 * one at a time, and the caller claims any still unclaimed after its own, so a helper that is slow
 * to wake never holds the caller up. After a chunk a helper keeps looking for work for a short
 * while (system property {@code neurite.spinMicros}, 200 µs unless set) before it sleeps: a
 * training step makes over a hundred parallel loops, and waking a sleeping thread for each costs a
 * system call and the wait until it runs.
 *
 * <p>A call made inside a chunk (on a helper or on the caller running a chunk) runs inline, so
 * nested parallel loops never wait on each other nor put more threads to work than there are.
 * While one caller's loop is open, a loop begun by another thread runs whole on that thread.
 */
public final class Parallel {

    /** System property that sets the number of threads (at least 1). */
    public static final String THREADS_PROPERTY = "neurite.threads";
    /** System property that sets how long, in microseconds, an idle helper looks for work before it sleeps. */
    public static final String SPIN_PROPERTY = "neurite.spinMicros";

    private static final int THREADS = configuredThreads();
    private static final long SPIN_NANOS = 1_000L * configuredSpinMicros();
    /** How long a caller waits for running chunks, spinning then yielding, before it sleeps. */
    private static final long CALLER_WAIT_NANOS = Math.max(SPIN_NANOS, 2_000_000L);
    /** Marks threads running a chunk (the helpers, and a caller during its loop), so that nested calls run inline. */
    private static final ThreadLocal<Boolean> IN_POOL = ThreadLocal.withInitial(() -> false);
    /** The loop whose chunks the helpers may claim, or null. */
    private static final AtomicReference<Loop> POSTED = new AtomicReference<>();
    private static final Helper[] HELPERS = startHelpers(THREADS - 1);

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

    /** @return how many threads a parallel loop may use (the caller and its helpers) */
    public static int threads() {
        return THREADS;
    }

    /**
     * Runs {@code body} over {@code [0, count)} in chunks of at least {@code minChunk} indices,
     * on the calling thread and the helpers, and returns when all are done. Runs inline when the
     * work fits one chunk, when there is one thread, or when called from inside a chunk. An
     * exception thrown by any chunk is rethrown here once every chunk has finished (further ones
     * are attached to it as suppressed).
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
        Loop loop = new Loop(body, count, chunks, Thread.currentThread());
        boolean posted = POSTED.compareAndSet(null, loop);
        if (posted) {
            for (Helper helper : HELPERS) {
                if (helper.sleeping) {
                    LockSupport.unpark(helper);
                }
            }
        }
        IN_POOL.set(true);
        try {
            loop.runChunk(0);
            while (loop.runNextChunk()) {
                // then the caller claims chunks like any helper until none is left
            }
        } finally {
            IN_POOL.set(false);
            if (posted) {
                POSTED.compareAndSet(loop, null);
            }
        }
        loop.awaitUnfinished();
        loop.rethrow();
    }

    /**
     * Runs {@code work} with every parallel loop inside it on the calling thread. For work made of
     * many tiny loops, such as one generated token (a product of one row, attention of one query),
     * where handing a chunk to a helper and waiting for it costs more than the chunk itself.
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

    /** One call of {@link #forRange}: its chunks to claim, those not yet finished, and the first failure. */
    private static final class Loop {
        // Field updaters rather than atomic objects: a loop is made per call, hundreds of times a step.
        private static final AtomicIntegerFieldUpdater<Loop> NEXT =
                AtomicIntegerFieldUpdater.newUpdater(Loop.class, "next");
        private static final AtomicIntegerFieldUpdater<Loop> UNFINISHED =
                AtomicIntegerFieldUpdater.newUpdater(Loop.class, "unfinished");

        private final RangeBody body;
        private final int count;
        private final int chunks;
        private final Thread caller;
        private volatile int next;
        private volatile int unfinished;
        private volatile boolean callerSleeping;
        private Throwable failure;

        Loop(RangeBody body, int count, int chunks, Thread caller) {
            this.body = body;
            this.count = count;
            this.chunks = chunks;
            this.caller = caller;
            this.unfinished = chunks;
            // Chunk 0 is the caller's: the same part of the data as in the loops before and after,
            // still in its core's cache. Helpers claim from chunk 1 on.
            this.next = 1;
        }

        boolean hasChunksLeft() {
            return next < chunks;
        }

        /** Claims and runs the next chunk; returns false if none was left. */
        boolean runNextChunk() {
            int c = NEXT.getAndIncrement(this);
            if (c >= chunks) {
                return false;
            }
            runChunk(c);
            return true;
        }

        /** Runs chunk {@code c}, keeping its failure, and wakes a sleeping caller after the last one. */
        void runChunk(int c) {
            try {
                body.run(chunkStart(count, chunks, c), chunkStart(count, chunks, c + 1));
            } catch (Throwable t) {
                synchronized (this) {
                    if (failure == null) {
                        failure = t;
                    } else {
                        failure.addSuppressed(t);
                    }
                }
            } finally {
                if (UNFINISHED.decrementAndGet(this) == 0 && Thread.currentThread() != caller && callerSleeping) {
                    LockSupport.unpark(caller);
                }
            }
        }

        /**
         * Waits for the chunks helpers are still running. They are running, not waiting to be
         * woken, so the caller spins a while (they mostly end together with its own), then yields
         * its core to whoever needs it, and sleeps only after that: being woken again would cost
         * the caller as long as the hand-off saved.
         */
        void awaitUnfinished() {
            if (unfinished == 0) {
                return;
            }
            long start = System.nanoTime();
            long waited;
            while (unfinished > 0 && (waited = System.nanoTime() - start) < CALLER_WAIT_NANOS) {
                if (waited < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield();
                }
            }
            boolean interrupted = false;
            while (unfinished > 0) {
                callerSleeping = true;
                if (unfinished > 0) {
                    LockSupport.park(this);
                }
                callerSleeping = false;
                interrupted |= Thread.interrupted();
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        void rethrow() {
            Throwable t;
            synchronized (this) {
                t = failure;
            }
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

    /** A daemon thread that claims chunks of the posted loop, looks for more a while, then sleeps until woken. */
    private static final class Helper extends Thread {
        volatile boolean sleeping;

        Helper(int index) {
            super("neurite-kernel-" + index);
            setDaemon(true);
        }

        @Override
        public void run() {
            IN_POOL.set(true);
            long idleSince = System.nanoTime();
            while (true) {
                Loop loop = POSTED.get();
                if (loop != null && loop.hasChunksLeft() && loop.runNextChunk()) {
                    idleSince = System.nanoTime();
                    continue;
                }
                if (System.nanoTime() - idleSince < SPIN_NANOS) {
                    Thread.onSpinWait();
                    continue;
                }
                // Say so before the last look, so that a caller posting now either is seen here or wakes us.
                sleeping = true;
                Loop last = POSTED.get();
                if (last == null || !last.hasChunksLeft()) {
                    LockSupport.park(this);
                }
                sleeping = false;
                Thread.interrupted();
                idleSince = System.nanoTime();
            }
        }
    }

    private static Helper[] startHelpers(int count) {
        Helper[] helpers = new Helper[count];
        for (int i = 0; i < count; i++) {
            helpers[i] = new Helper(i + 1);
            helpers[i].start();
        }
        return helpers;
    }

    private static int configuredThreads() {
        return positiveProperty(THREADS_PROPERTY, Math.max(1, Runtime.getRuntime().availableProcessors()), 1);
    }

    private static int configuredSpinMicros() {
        return positiveProperty(SPIN_PROPERTY, 200, 0);
    }

    private static int positiveProperty(String name, int otherwise, int least) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            int number = Integer.parseInt(value.trim());
            if (number < least) {
                throw new NumberFormatException("below " + least);
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("system property " + name
                    + " must be a whole number >= " + least + ", got '" + value + "'", e);
        }
    }
}
