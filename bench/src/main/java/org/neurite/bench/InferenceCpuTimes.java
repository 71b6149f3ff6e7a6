package org.neurite.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * {@link InferenceBenchmark}'s batch of 1000 timed by the calling thread's CPU time rather than
 * the wall clock, for comparing two versions of the engine on a shared machine (run with one
 * thread, where the calling thread does all the work). Prints the best and the median CPU
 * microseconds per batch over 15 rounds, and the images per CPU-second of the best.
 *
 * <p>Usage: {@code java --add-modules jdk.incubator.vector -Dneurite.threads=1 -cp benchmarks.jar
 * org.neurite.bench.InferenceCpuTimes}
 */
public final class InferenceCpuTimes {

    private static final int ROUNDS = 15;
    private static final long ROUND_NANOS = 200_000_000L;

    private InferenceCpuTimes() {
    }

    /**
     * @param args none
     */
    public static void main(String[] args) {
        InferenceBenchmark model = new InferenceBenchmark();
        model.setUp();
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        // warm-up: the vector kernels need the optimizing compiler
        long warm = cpu.getCurrentThreadCpuTime();
        while (cpu.getCurrentThreadCpuTime() - warm < 4_000_000_000L) {
            model.batchOfThousand();
        }
        double[] perBatch = new double[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            long start = cpu.getCurrentThreadCpuTime();
            int calls = 0;
            long used;
            do {
                model.batchOfThousand();
                calls++;
                used = cpu.getCurrentThreadCpuTime() - start;
            } while (used < ROUND_NANOS);
            perBatch[r] = used / 1e3 / calls;
        }
        Arrays.sort(perBatch);
        System.out.printf(Locale.ROOT, "batch of 1000: best %.1f us, median %.1f us of CPU; %.0f images per CPU-second%n",
                perBatch[0], perBatch[ROUNDS / 2], 1000 / perBatch[0] * 1e6);
    }
}
