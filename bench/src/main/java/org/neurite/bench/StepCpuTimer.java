package org.neurite.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;

import org.neurite.engine.train.Trainer;
import org.neurite.engine.train.TrainingListener;

/**
 * The process's CPU time of each training step of one round (a listener of the round's
 * {@link Trainer}), and the round's line: CPU and wall milliseconds per step, the median step, the
 * bytes the process's threads allocated per step and the collector's pauses over the round.
 * CPU time, bytes and collections, because they hold on a machine busy with other work where wall
 * time does not.
 */
final class StepCpuTimer implements TrainingListener {

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final long[] stepCpu;
    private int at;
    private long last;

    /** @param steps the steps of the round */
    StepCpuTimer(int steps) {
        this.stepCpu = new long[steps];
    }

    @Override
    public void onBatchEnd(Trainer trainer, int epoch, long step, double loss) {
        long now = os.getProcessCpuTime();
        stepCpu[at++] = now - last;
        last = now;
    }

    /**
     * Runs the round's training and prints its line.
     *
     * @param round the round's number, for the line
     * @param training the training of the round's steps, with this timer among its listeners
     */
    void time(int round, Runnable training) {
        int steps = stepCpu.length;
        long bytes = allocatedBytes();
        long[] gc = collections();
        long cpu = os.getProcessCpuTime();
        long wall = System.nanoTime();
        last = cpu;
        training.run();
        double cpuMs = (os.getProcessCpuTime() - cpu) / 1e6 / steps;
        double wallMs = (System.nanoTime() - wall) / 1e6 / steps;
        double mbPerStep = (allocatedBytes() - bytes) / 1e6 / steps;
        long[] gcAfter = collections();
        long[] sorted = stepCpu.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "round %d: %d steps, CPU ms/step %.2f (median step %.2f), wall ms/step %.2f,"
                + " allocated MB/step %.1f, collections %d (%d ms)%n", round, steps, cpuMs, sorted[steps / 2] / 1e6,
                wallMs, mbPerStep, gcAfter[0] - gc[0], gcAfter[1] - gc[1]);
    }

    /** The bytes allocated so far by the threads alive now (the trainer's and the kernels' helpers). */
    private long allocatedBytes() {
        long sum = 0;
        for (long b : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
            sum += Math.max(0, b);
        }
        return sum;
    }

    /** The collections so far and their summed time in ms, over every collector. */
    private static long[] collections() {
        long count = 0;
        long ms = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, gc.getCollectionCount());
            ms += Math.max(0, gc.getCollectionTime());
        }
        return new long[] {count, ms};
    }
}
