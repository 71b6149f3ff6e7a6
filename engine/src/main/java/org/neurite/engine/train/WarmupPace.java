package org.neurite.engine.train;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * When a {@link KernelWarmup} ends: told the time of each pass, it says after each whether to
 * make another. The warm-up ends at the first of these:
 * <ol>
 *   <li>the passes are steady and the JIT idle, once at least {@value #PASSES} passes are made and,
 *       when passes are cheap, {@value #OPTIMIZED_PASSES} passes or {@link #OPTIMIZED_NANOS}:
 *       <ul>
 *         <li><em>steady</em>: the median of the last {@value #WINDOW} passes is within
 *             {@value #STEADY_RATIO} times (either way) of the lowest median of {@value #WINDOW}
 *             consecutive passes that all came before them: the steps have stopped getting faster,
 *             judged by medians so that a pass slowed by a collection or by other work on the cores
 *             neither ends the warm-up nor keeps it going;</li>
 *         <li><em>the JIT idle</em>: over the last {@link #JIT_SPAN_NANOS} (at least) the JIT's
 *             compilations took at most {@value #JIT_IDLE_SHARE} of the time: its queue is empty
 *             (a queue with work keeps a compiler thread busy), though the odd small compilation
 *             of other threads, such as the data loading's, may end meanwhile;</li>
 *       </ul></li>
 *   <li>{@value #MAX_PASSES} passes;</li>
 *   <li>{@link #LIMIT_NANOS}, however slow the machine.</li>
 * </ol>
 * A pass is cheap when the fastest one took at most {@link #CHEAP_PASS_NANOS} (a small model's
 * step; a convolution or transformer step is costlier): after {@value #OPTIMIZED_PASSES} passes
 * the methods a step calls about six times or more (a product's entry points, a tensor's
 * constructor, the optimizer's update of each parameter) have passed the optimizing compiler's
 * invocation threshold (5000 calls counted from their first compilation), so the JIT compiles them
 * then, not in the first epoch, where in an epoch of cheap steps they would take a large share of
 * the cores.
 */
final class WarmupPace {

    /** Passes the warm-up makes at least (their back-edge counts pass the JIT's thresholds). */
    static final int PASSES = 24;
    /** Passes the warm-up makes at most. */
    static final int MAX_PASSES = 1200;
    /** Passes after which the methods a step calls about six times or more have reached the optimizing compiler. */
    static final int OPTIMIZED_PASSES = 1000;
    /** The longest pass that counts as cheap. */
    static final long CHEAP_PASS_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /** How long the warm-up may go on for {@link #OPTIMIZED_PASSES} when passes are cheap. */
    static final long OPTIMIZED_NANOS = TimeUnit.SECONDS.toNanos(4);
    /** The passes whose median is compared with the lowest median of as many before them. */
    static final int WINDOW = 16;
    /** How far the last passes' median may be from the lowest earlier one for the passes to count as steady. */
    static final double STEADY_RATIO = 1.10;
    /** The shortest span over which the JIT's share of the time is judged. */
    static final long JIT_SPAN_NANOS = TimeUnit.MILLISECONDS.toNanos(300);
    /** The largest share of the time the JIT's compilations may take for it to count as idle. */
    static final double JIT_IDLE_SHARE = 0.10;
    /** The longest a warm-up may take, however slow the machine. */
    static final long LIMIT_NANOS = TimeUnit.SECONDS.toNanos(8);

    private final LongSupplier clock;
    private final LongSupplier jitMillis;
    private final long start;
    private final long[] took = new long[MAX_PASSES];
    /** When each pass ended, and the JIT's total compilation time then (ms; -1 when not measured). */
    private final long[] endedAt = new long[MAX_PASSES];
    private final long[] jitAt = new long[MAX_PASSES];
    private long fastest = Long.MAX_VALUE;
    private long lowestMedian = Long.MAX_VALUE;
    private int recorded;
    /** The oldest pass end that is at least {@link #JIT_SPAN_NANOS} before the latest. */
    private int spanStart;
    private String ended;

    /** A pace on the system clock and the JVM's own compilation time. */
    WarmupPace() {
        this(System::nanoTime, jitMillis());
    }

    /**
     * @param clock the time now, in nanoseconds
     * @param jitMillis the JIT's total compilation time so far, in milliseconds, or -1 when the JVM
     *     does not measure it (the JIT then counts as idle)
     */
    WarmupPace(LongSupplier clock, LongSupplier jitMillis) {
        this.clock = clock;
        this.jitMillis = jitMillis;
        this.start = clock.getAsLong();
    }

    private static LongSupplier jitMillis() {
        CompilationMXBean bean = ManagementFactory.getCompilationMXBean();
        return bean != null && bean.isCompilationTimeMonitoringSupported() ? bean::getTotalCompilationTime : () -> -1;
    }

    /**
     * @param passes the passes made so far, the last one included
     * @param tookNanos how long the last one took
     * @return whether to make another
     */
    boolean goOn(int passes, long tookNanos) {
        long now = clock.getAsLong();
        int i = Math.min(passes, MAX_PASSES) - 1;
        took[i] = tookNanos;
        recorded = i + 1;
        endedAt[i] = now;
        jitAt[i] = jitMillis.getAsLong();
        fastest = Math.min(fastest, tookNanos);
        boolean steady = steady(passes);
        boolean jitIdle = jitIdle(i);
        long elapsed = now - start;
        if (passes >= MAX_PASSES) {
            ended = "at the pass limit";
        } else if (passes >= PASSES && steady && jitIdle
                && (passes >= OPTIMIZED_PASSES || fastest > CHEAP_PASS_NANOS || elapsed >= OPTIMIZED_NANOS)) {
            ended = "steady, the JIT quiet";
        } else if (elapsed >= LIMIT_NANOS) {
            ended = "at the time limit";
        } else {
            return true;
        }
        return false;
    }

    /** Whether the median of the last {@link #WINDOW} passes is within {@link #STEADY_RATIO} of the lowest earlier one. */
    private boolean steady(int passes) {
        if (passes < WINDOW || passes > MAX_PASSES) {
            return false;
        }
        if (passes >= 2 * WINDOW) {
            // the window that ended just before the last one may now count as earlier
            lowestMedian = Math.min(lowestMedian, median(passes - 2 * WINDOW, passes - WINDOW));
        }
        long lastMedian = median(passes - WINDOW, passes);
        return lowestMedian != Long.MAX_VALUE
                && lastMedian <= lowestMedian * STEADY_RATIO && lastMedian * STEADY_RATIO >= lowestMedian;
    }

    private long median(int from, int to) {
        long[] window = Arrays.copyOfRange(took, from, to);
        Arrays.sort(window);
        return window[window.length / 2];
    }

    /** Whether the JIT took at most {@link #JIT_IDLE_SHARE} of the time since {@link #JIT_SPAN_NANOS} or more ago. */
    private boolean jitIdle(int last) {
        if (jitAt[last] < 0) {
            return true;
        }
        while (spanStart + 1 < last && endedAt[last] - endedAt[spanStart + 1] >= JIT_SPAN_NANOS) {
            spanStart++;
        }
        long span = endedAt[last] - endedAt[spanStart];
        if (span < JIT_SPAN_NANOS) {
            return false;
        }
        return TimeUnit.MILLISECONDS.toNanos(jitAt[last] - jitAt[spanStart]) <= span * JIT_IDLE_SHARE;
    }

    /** Notes that the passes ran out before the pace asked to stop (the warm-up trainer's last epoch ended). */
    void passesRanOut() {
        if (ended == null) {
            ended = "at the pass limit";
        }
    }

    /** @return why the warm-up ended, or {@code null} while it has not */
    String ended() {
        return ended;
    }

    /**
     * @param passes the passes made
     * @return how the warm-up went, for the debug log: on a busy machine it may end at a limit
     */
    String report(int passes) {
        int last = Math.min(WINDOW, recorded);
        return String.format(Locale.ROOT,
                "kernel warm-up: %d passes in %.2f s, ended %s (fastest pass %.2f ms, median of the last %d %.2f ms)",
                passes, (clock.getAsLong() - start) / 1e9, ended == null ? "by a failure" : ended,
                recorded == 0 ? 0 : fastest / 1e6, last, last == 0 ? 0 : median(recorded - last, recorded) / 1e6);
    }
}
