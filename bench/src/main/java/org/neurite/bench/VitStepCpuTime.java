package org.neurite.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.neurite.api.Options;
import org.neurite.api.Shape;
import org.neurite.engine.data.Dataset;
import org.neurite.engine.data.FashionMnist;
import org.neurite.engine.nn.Sequential;
import org.neurite.engine.optim.Adam;
import org.neurite.engine.optim.schedule.WarmupCosine;
import org.neurite.engine.registry.Components;
import org.neurite.engine.train.Trainer;

/**
 * Training steps of {@code examples/transformer/fashion-vit.yaml} (7x7 patches to 16 tokens of
 * width 64, learned positions, 2 post-norm encoder layers of 4 heads and feed-forward 128, mean
 * pooling, dense 10; AdamW 2e-3 with decay 0.05 on the matrices, the warm-up cosine schedule;
 * batches of 128) on the Fashion-MNIST training images, through the engine's {@link Trainer} as
 * {@code neurite train} runs it. Prints, per round of {@code steps} steps, the process's CPU
 * milliseconds per step (all threads together, steadier than the wall clock on a shared machine),
 * the median step's and the wall milliseconds per step.
 *
 * <p>Usage: {@code java --add-modules jdk.incubator.vector -Dneurite.threads=2 -cp benchmarks.jar
 * org.neurite.bench.VitStepCpuTime [data folder] [--steps N] [--rounds R]} (defaults
 * examples/data/fashion-mnist, 100 steps, 4 rounds; the first round is the JIT's warm-up).
 */
public final class VitStepCpuTime {

    private static final int BATCH = 128;

    private VitStepCpuTime() {
    }

    /**
     * @param args an optional data folder, {@code --steps N}, {@code --rounds R}
     * @throws IOException if the data or the plugins' extension index cannot be read
     */
    public static void main(String[] args) throws IOException {
        Path folder = Path.of("examples", "data", "fashion-mnist");
        int steps = 100;
        int rounds = 4;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--steps") && i + 1 < args.length) {
                steps = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--rounds") && i + 1 < args.length) {
                rounds = Integer.parseInt(args[++i]);
            } else {
                folder = Path.of(args[i]);
            }
        }
        Dataset all = FashionMnist.loadTrain(folder);
        Components components = FashionCnnRun.components();
        Sequential model = Sequential.builder(all.featureShape()).seed(0).components(components)
                .add("patch_embedding", Map.of("patch", 7, "dim", 64))
                .add("positional_encoding", Map.of("kind", "learned", "std", 0.02))
                .add("transformer_encoder", Map.of("num_layers", 2, "heads", 4, "feedforward", 128, "dropout", 0.0))
                .add("sequence_pool", Map.of("mode", "mean"))
                .add("dense", Map.of("units", 10))
                .build();
        Adam adamW = Adam.adamW(new Adam.Settings(2e-3, 0.9, 0.999, 1e-8, 0.05, false, true));
        int n = steps * BATCH;
        for (int round = 1; round <= rounds; round++) {
            int from = ((round - 1) * n) % (all.size() - n);
            Dataset train = all.subset(from, from + n);
            StepCpuTimer timer = new StepCpuTimer(steps);
            Trainer trainer = Trainer.builder(model, components.loss("cross_entropy", Options.empty()), adamW)
                    .epochs(1).batchSize(BATCH).seed(round).shuffle(true)
                    .schedule(new WarmupCosine(2e-3, 469, 469 * 15, 0))
                    .listener(timer)
                    .build();
            timer.time(round, () -> trainer.fit(train));
        }
    }
}
