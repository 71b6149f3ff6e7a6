package org.neurite.engine.kernel;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * Two lanes for the parts of a generation step ({@link CpuArrayKernels#inLanes}): the calling
 * thread runs lane 0, one persistent worker thread lane 1. A step of one token hands over some
 * twenty parts of a few microseconds each, far below what a hand-off through the engine's pool
 * costs, so the worker spins between parts and parks only after {@link #SPIN_NANOS} without one
 * (long enough that a time slice lost to another process does not park it); a caller wakes it
 * only once however many parts it posts meanwhile. Whoever claims lane 1 first runs it: a caller
 * whose worker is not running (parked, or descheduled on a busy machine) runs both lanes itself
 * instead of waiting for it, and stops posting for a while when the worker missed most parts of
 * late. A part that finds the lanes in use (another thread's step, or a part of a part) runs both
 * lanes inline.
 */
final class DecodeLanes {

    /** How long the worker spins for the next part before it parks: longer than the gap between two tokens. */
    private static final long SPIN_NANOS = 1_000_000;

    /**
     * The caller counts the parts the worker took in windows of this many: when it took fewer
     * than half (a machine busy with other work, so the worker seldom runs when a part is posted,
     * and its spinning takes time the caller could use), the caller runs the next {@link #ALONE}
     * parts alone and the worker parks meanwhile.
     */
    private static final int WINDOW = 512;
    private static final int ALONE = 4096;

    /** Whether a step's part is running on the lanes. */
    private final AtomicBoolean inUse = new AtomicBoolean();
    /** Parts posted in the current window, and how many of them the worker took (the caller's counts). */
    private int counted;
    private int taken;
    /** How many parts the caller still runs alone, posting none, after a window the worker mostly missed. */
    private int alone;
    /** The number of the latest part posted. */
    private final AtomicLong posted = new AtomicLong();
    /** The number of the latest part whose lane 1 someone took. */
    private final AtomicLong claimed = new AtomicLong();
    /** The number of the latest part whose lane 1 the worker finished. */
    private volatile long done;
    /** Whether the worker is parked, or about to, and nobody has woken it yet. */
    private final AtomicBoolean parked = new AtomicBoolean();
    private volatile IntConsumer part;
    private volatile Throwable failure;
    private Thread worker;

    /**
     * Runs {@code part.accept(0)} here and {@code part.accept(1)} on the worker, or here if the
     * worker does not take it first; returns when both are done.
     */
    void run(IntConsumer part) {
        if (!inUse.compareAndSet(false, true)) {
            part.accept(0);
            part.accept(1);
            return;
        }
        if (alone > 0) {
            alone--;
            inUse.set(false);
            part.accept(0);
            part.accept(1);
            return;
        }
        try {
            start();
            this.part = part;
            long number = posted.get() + 1;
            posted.set(number);
            if (parked.get() && parked.compareAndSet(true, false)) {
                LockSupport.unpark(worker);
            }
            try {
                part.accept(0);
            } catch (RuntimeException | Error e) {
                // lane 1 must not be running once this returns: take it unrun, or wait for the worker
                if (!claimed.compareAndSet(number - 1, number)) {
                    awaitWorker(number);
                }
                throw e;
            }
            if (claimed.compareAndSet(number - 1, number)) {
                part.accept(1);
            } else {
                taken++;
                awaitWorker(number);
                rethrowFailure();
            }
            if (++counted == WINDOW) {
                alone = taken < WINDOW / 2 ? ALONE : 0;
                counted = 0;
                taken = 0;
            }
        } finally {
            inUse.set(false);
        }
    }

    private void awaitWorker(long number) {
        for (int spins = 0; done != number; spins++) {
            if (spins < 1 << 16) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
    }

    private void rethrowFailure() {
        Throwable t = failure;
        if (t != null) {
            failure = null;
            if (t instanceof RuntimeException e) {
                throw e;
            }
            if (t instanceof Error e) {
                throw e;
            }
            throw new IllegalStateException(t);
        }
    }

    private void start() {
        if (worker == null) {
            worker = new Thread(this::work, "neurite-decode-lane");
            worker.setDaemon(true);
            worker.start();
        }
    }

    /** The worker: takes lane 1 of every part it sees posted before the caller does. */
    private void work() {
        long seen = posted.get();
        while (true) {
            long number = awaitPart(seen);
            seen = number;
            if (claimed.compareAndSet(number - 1, number)) {
                try {
                    part.accept(1);
                } catch (Throwable t) {
                    failure = t;
                }
                done = number;
            }
        }
    }

    /** Spins, then parks, until a part after {@code seen} is posted; returns its number. */
    private long awaitPart(long seen) {
        long since = System.nanoTime();
        for (int spins = 0; ; spins++) {
            long number = posted.get();
            if (number != seen) {
                return number;
            }
            if ((spins & 255) != 255) {
                Thread.onSpinWait();
            } else if (System.nanoTime() - since > SPIN_NANOS) {
                parked.set(true);
                if (posted.get() == seen) {
                    LockSupport.park(this);
                }
                parked.set(false);
                since = System.nanoTime();
            }
        }
    }
}
