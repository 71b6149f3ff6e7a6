package org.neurite.bench;

import java.io.IOException;
import java.util.SplittableRandom;

import org.neurite.engine.nn.Sequential;
import org.neurite.engine.optim.Adam;
import org.neurite.engine.registry.Components;
import org.neurite.engine.tensor.CpuTensor;
import org.neurite.engine.train.Trainer;

/**
 * Training steps of {@code examples/transformer/shakespeare-gpt.yaml} (4 pre-norm blocks of 4
 * heads, width 128, context 64, no biases, tied head; AdamW with decay on the matrices, the
 * warm-up cosine schedule, clipping to norm 1; batches of 12) on random token windows, through
 * the engine's {@link Trainer} as {@code neurite train} runs it. Prints, per round of
 * {@code steps} steps, the process's CPU milliseconds per step (all threads together, steadier than
 * the wall clock on a shared machine), the wall milliseconds per step, the megabytes allocated per
 * step and the round's collections (with {@code bin/neurite train}'s collector flags, {@code
 * -XX:+UseSerialGC -XX:MinHeapFreeRatio=5 -XX:MaxHeapFreeRatio=20}, they are the launcher's).
 *
 * <p>Usage: {@code java --add-modules jdk.incubator.vector -Dneurite.threads=1 -cp benchmarks.jar
 * org.neurite.bench.GptStepCpuTime [steps] [rounds]} (default 100 steps, 4 rounds; the first round
 * is the JIT's warm-up).
 */
public final class GptStepCpuTime {

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
        Adam adamW = ShakespeareGpt.adamW();
        SplittableRandom random = new SplittableRandom(0);
        for (int round = 1; round <= rounds; round++) {
            CpuTensor[] windows = ShakespeareGpt.randomWindows(random, steps);
            StepCpuTimer timer = new StepCpuTimer(steps);
            Trainer trainer = ShakespeareGpt.trainer(model, components, adamW, ShakespeareGpt.clipper(), timer, round);
            timer.time(round, () -> trainer.fit(windows[0], windows[1]));
        }
    }
}
