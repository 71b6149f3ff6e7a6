package org.neurite.engine.autograd;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time of each op, forward and backward, on the thread that runs the ops: for comparing where
 * a training step goes with a framework's profiler (see {@code bench/gpt-ops.sh}). Off unless the
 * system property {@code neurite.opTimes} is {@code true}; when off it costs one test of a constant.
 *
 * <p>An op's forward time is the thread's CPU time since the previous mark (the previous op's
 * result, or a {@link #mark}), taken when the op hands over its result: the op's own work plus
 * whatever ran between the two ops. A backward step is timed around its call. With more than one
 * thread the helpers' share of a parallel loop is not counted: time with {@code neurite.threads=1}.
 * With {@code neurite.opTimes=wall} the marks read the wall clock instead, so that an op's time at two
 * threads against its time at one says how well it is split (on a quiet machine only).
 */
public final class OpCpuTimes {

    /** System property that turns the timing on. */
    public static final String PROPERTY = "neurite.opTimes";
    /** Whether the timing is on: {@code true} or {@code wall} (read once, at class initialisation). */
    public static final boolean ON = "true".equals(System.getProperty(PROPERTY))
            || "wall".equals(System.getProperty(PROPERTY));
    /** Whether the marks read the wall clock rather than the thread's CPU time. */
    public static final boolean WALL = "wall".equals(System.getProperty(PROPERTY));

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** Per label: calls, then CPU nanoseconds. */
    private static final Map<String, long[]> TIMES = new LinkedHashMap<>();
    private static long last = ON ? now() : 0;

    private OpCpuTimes() {
    }

    /**
     * Charges the CPU time since the previous mark to an op's forward pass.
     *
     * @param op the op's name
     */
    public static void forward(String op) {
        mark(op);
    }

    /**
     * Charges the CPU time since the previous mark to {@code label}.
     *
     * @param label what ran since the previous mark
     */
    public static synchronized void mark(String label) {
        long t = now();
        add(label, t - last);
        last = t;
    }

    /** Runs one op's backward step and charges its CPU time to {@code "op backward"}. */
    static void backward(String op, Backward step, float[] gradient) {
        mark("(autograd walk)");
        step.apply(gradient);
        mark(op + " backward");
    }

    /**
     * @return the CPU nanoseconds and calls charged to each label since the last drain
     *     ({@code {calls, nanoseconds}}), in the order the labels first appeared; empties the table
     */
    public static synchronized Map<String, long[]> drain() {
        Map<String, long[]> copy = new LinkedHashMap<>(TIMES);
        TIMES.clear();
        last = now();
        return copy;
    }

    private static void add(String label, long nanos) {
        long[] entry = TIMES.computeIfAbsent(label, k -> new long[2]);
        entry[0]++;
        entry[1] += nanos;
    }

    private static long now() {
        return WALL ? System.nanoTime() : THREADS.getCurrentThreadCpuTime();
    }
}
