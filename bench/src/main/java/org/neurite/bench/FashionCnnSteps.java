package org.neurite.bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import org.neurite.api.Options;
import org.neurite.engine.autograd.OpCpuTimes;
import org.neurite.engine.data.Dataset;
import org.neurite.engine.data.FashionMnist;
import org.neurite.engine.nn.Sequential;
import org.neurite.engine.registry.Components;
import org.neurite.engine.train.Trainer;
import org.neurite.engine.train.TrainingListener;

/**
 * Whole training steps of the reference CNN ({@link FashionCnnRun}'s model, Adam 1e-3, batch 128)
 * measured by what they cost rather than how long they take on a shared machine: CPU milliseconds
 * per step (all threads of the process, so the data loading, the optimizer, the collector and the
 * JIT count too; and the training thread's alone, which with {@code -Dneurite.threads=1} is all
 * of the kernels' work and the steadiest figure), bytes allocated per step, the collector's pauses, and the heap in use after the run,
 * and the CPU time per step of each stretch of 20 steps (a process that changes pace shows). The
 * first {@code warmup} steps (JIT) are left out. Runs the first {@code (warmup + steps) * 128}
 * training images as one epoch. With {@code -Dneurite.opTimes=true} (and one thread) it also prints
 * the training thread's CPU milliseconds per step of each op, forward and backward ({@link OpCpuTimes}).
 *
 * <p>Usage: {@code java --add-modules jdk.incubator.vector -XX:+UseSerialGC -Dneurite.threads=1 -cp
 * benchmarks.jar org.neurite.bench.FashionCnnSteps [data folder] [--steps N] [--warmup W]} (defaults
 * 100 and 40).
 */
public final class FashionCnnSteps {

    private FashionCnnSteps() {
    }

    /**
     * @param args an optional data folder (default examples/data/fashion-mnist), {@code --steps N}, {@code --warmup W}
     * @throws IOException if the data cannot be read
     */
    public static void main(String[] args) throws IOException {
        Path folder = Path.of("examples", "data", "fashion-mnist");
        int steps = 100;
        int warmup = 40;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--steps") && i + 1 < args.length) {
                steps = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--warmup") && i + 1 < args.length) {
                warmup = Integer.parseInt(args[++i]);
            } else {
                folder = Path.of(args[i]);
            }
        }
        Dataset train = FashionMnist.loadTrain(folder).subset(0, (warmup + steps) * 128);
        Components components = FashionCnnRun.components();
        Sequential model = FashionCnnRun.model(components);
        Meter meter = new Meter(warmup, warmup + steps);
        Trainer.builder(model, components.loss("cross_entropy", Options.empty()),
                        components.optimizer("adam", Options.of(Map.of("lr", 1e-3))))
                .epochs(1).batchSize(128).seed(0).listener(meter).build().fit(train);
        double n = steps;
        System.out.printf(Locale.ROOT, "per step over %d steps (after %d): CPU %.1f ms (the training thread's %.1f),"
                        + " allocated %.1f MB, collector %.2f ms (%.2f pauses)%n", steps, warmup, meter.cpu / 1e6 / n,
                meter.mainCpu / 1e6 / n, meter.allocated / 1e6 / n, meter.gcMillis / n, meter.gcCount / n);
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        System.out.printf(Locale.ROOT, "heap: committed %.0f MiB, max %.0f MiB%n", heap.getCommitted() / 1048576.0,
                heap.getMax() / 1048576.0);
    }

    /** Reads the process's counters at the first and the last measured step. */
    private static final class Meter implements TrainingListener {
        private static final int STRETCH = 20;
        private final int first;
        private final int last;
        private long cpu;
        private long mainCpu;
        private long allocated;
        private long gcMillis;
        private long gcCount;
        private long stretchCpu;

        Meter(int first, int last) {
            this.first = first;
            this.last = last;
        }

        @Override
        public void onBatchEnd(Trainer trainer, int epoch, long step, double loss) {
            if (step >= first && step <= last && (step - first) % STRETCH == 0) {
                stretch(step);
            }
            if (step == first) {
                if (OpCpuTimes.ON) {
                    OpCpuTimes.drain();
                }
                cpu = -processCpu();
                mainCpu = -ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
                allocated = -allocatedBytes();
                gcMillis = -gcMillis();
                gcCount = -gcCount();
            } else if (step == last) {
                cpu += processCpu();
                mainCpu += ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
                allocated += allocatedBytes();
                gcMillis += gcMillis();
                gcCount += gcCount();
                if (OpCpuTimes.ON) {
                    printOpTimes(OpCpuTimes.drain(), last - first);
                }
            }
        }

        /** Prints each op's milliseconds per step, the most expensive first. */
        private static void printOpTimes(Map<String, long[]> times, int steps) {
            System.out.printf(Locale.ROOT, "the training thread's ms per step by op (%s):%n",
                    OpCpuTimes.WALL ? "wall clock" : "CPU time");
            times.entrySet().stream()
                    .sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]))
                    .forEach(e -> System.out.printf(Locale.ROOT, "  %-28s %7.2f%n", e.getKey(),
                            e.getValue()[1] / 1e6 / steps));
        }

        /**
         * Prints the CPU time per step of the stretch of {@link #STRETCH} steps that ends here,
         * so that a change of pace within one process shows.
         */
        private void stretch(long step) {
            long now = processCpu();
            if (step > first) {
                System.out.printf(Locale.ROOT, "steps %d-%d: CPU %.1f ms per step%n", step - STRETCH, step,
                        (now - stretchCpu) / 1e6 / STRETCH);
            }
            stretchCpu = now;
        }

        private static long processCpu() {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
        }

        /** Bytes allocated so far by every live thread (the engine's pool threads live as long as the process). */
        private static long allocatedBytes() {
            com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long sum = 0;
            for (long b : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
                sum += Math.max(0, b);
            }
            return sum;
        }

        private static long gcMillis() {
            return ManagementFactory.getGarbageCollectorMXBeans().stream()
                    .mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
        }

        private static long gcCount() {
            return ManagementFactory.getGarbageCollectorMXBeans().stream()
                    .mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
        }
    }
}
