package org.neurite.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

import org.neurite.api.Options;
import org.neurite.api.Shape;
import org.neurite.engine.nn.Sequential;
import org.neurite.engine.optim.Adam;
import org.neurite.engine.optim.schedule.WarmupCosine;
import org.neurite.engine.registry.Components;
import org.neurite.engine.tensor.CpuTensor;
import org.neurite.engine.train.Trainer;
import org.neurite.engine.train.TrainingListener;

/**
 * Training steps of {@code examples/transformer/shakespeare-gpt.yaml} (4 pre-norm blocks of 4
 * heads, width 128, context 64, no biases, tied head; AdamW with decay on the matrices, the
 * warm-up cosine schedule, clipping to norm 1; batches of 12) on random token windows, through
 * the engine's {@link Trainer} as {@code neurite train} runs it. Prints, per round of
 * {@code steps} steps, the process's CPU milliseconds per step (all threads together, steadier than
 * the wall clock on a shared machine) and the wall milliseconds per step.
 *
 * <p>Usage: {@code java --add-modules jdk.incubator.vector -Dneurite.threads=1 -cp benchmarks.jar
 * org.neurite.bench.GptStepCpuTime [steps] [rounds]} (default 100 steps, 4 rounds; the first round
 * is the JIT's warm-up).
 */
public final class GptStepCpuTime {

    private static final int BATCH = 12;
    private static final int CONTEXT = ShakespeareGpt.CONTEXT;
    private static final int VOCABULARY = ShakespeareGpt.VOCABULARY;

    private GptStepCpuTime() {
    }

    /**
     * @param args the steps per round (default 100) and the rounds (default 4)
     * @throws IOException if the plugins' extension index cannot be read
     */
    public static void main(String[] args) throws IOException {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        Components components = ShakespeareGpt.components();
        Sequential model = ShakespeareGpt.model(components);
        Adam adamW = Adam.adamW(new Adam.Settings(1e-3, 0.9, 0.99, 1e-8, 0.1, false, true));
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        SplittableRandom random = new SplittableRandom(0);
        for (int round = 1; round <= rounds; round++) {
            int n = steps * BATCH;
            float[] ids = new float[n * CONTEXT];
            float[] next = new float[n * CONTEXT];
            for (int i = 0; i < n; i++) {
                for (int t = 0; t < CONTEXT; t++) {
                    ids[i * CONTEXT + t] = random.nextInt(VOCABULARY);
                    next[i * CONTEXT + t] = random.nextInt(VOCABULARY);
                }
            }
            long[] stepCpu = new long[steps];
            long[] last = {os.getProcessCpuTime()};
            int[] at = {0};
            Trainer trainer = Trainer.builder(model, components.loss("cross_entropy", Options.empty()), adamW)
                    .epochs(1).batchSize(BATCH).seed(round).clipGradientNorm(1.0)
                    .schedule(new WarmupCosine(1e-3, 100, 2000, 1e-4))
                    .listener(new TrainingListener() {
                        @Override
                        public void onBatchEnd(Trainer t, int epoch, long step, double loss) {
                            long now = os.getProcessCpuTime();
                            stepCpu[at[0]++] = now - last[0];
                            last[0] = now;
                        }
                    })
                    .build();
            long cpu = os.getProcessCpuTime();
            long wall = System.nanoTime();
            last[0] = cpu;
            trainer.fit(CpuTensor.wrap(ids, Shape.of(n, CONTEXT)), CpuTensor.wrap(next, Shape.of(n, CONTEXT)));
            double cpuMs = (os.getProcessCpuTime() - cpu) / 1e6 / steps;
            double wallMs = (System.nanoTime() - wall) / 1e6 / steps;
            long[] sorted = stepCpu.clone();
            Arrays.sort(sorted);
            System.out.printf(Locale.ROOT, "round %d: %d steps, CPU ms/step %.2f (median step %.2f), wall ms/step %.2f%n",
                    round, steps, cpuMs, sorted[steps / 2] / 1e6, wallMs);
        }
    }
}
