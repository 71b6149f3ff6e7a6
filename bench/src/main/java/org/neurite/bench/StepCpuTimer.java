package org.neurite.bench;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;

import org.neurite.engine.train.Trainer;
import org.neurite.engine.train.TrainingListener;

/**
 * The process's CPU time of each training step of one round (a listener of the round's
 * {@link Trainer}), and the round's line: CPU and wall milliseconds per step, and the median step.
 * CPU time, because it holds on a machine busy with other work where wall time does not.
 */
final class StepCpuTimer implements TrainingListener {

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
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
        long cpu = os.getProcessCpuTime();
        long wall = System.nanoTime();
        last = cpu;
        training.run();
        double cpuMs = (os.getProcessCpuTime() - cpu) / 1e6 / steps;
        double wallMs = (System.nanoTime() - wall) / 1e6 / steps;
        long[] sorted = stepCpu.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "round %d: %d steps, CPU ms/step %.2f (median step %.2f), wall ms/step %.2f%n",
                round, steps, cpuMs, sorted[steps / 2] / 1e6, wallMs);
    }
}
