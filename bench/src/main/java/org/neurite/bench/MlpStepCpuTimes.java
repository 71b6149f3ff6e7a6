package org.neurite.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import org.neurite.api.Loss;
import org.neurite.api.Mode;
import org.neurite.api.Options;
import org.neurite.api.Parameter;
import org.neurite.api.Shape;
import org.neurite.api.Tensor;
import org.neurite.engine.CpuBackend;
import org.neurite.engine.data.Batch;
import org.neurite.engine.data.DataLoader;
import org.neurite.engine.data.Dataset;
import org.neurite.engine.nn.Model;
import org.neurite.engine.nn.Sequential;
import org.neurite.engine.optim.Adam;
import org.neurite.engine.registry.Components;

/**
 * The training step of the Fashion-MNIST MLP (784-256-128-10 ReLU, softmax cross-entropy, Adam,
 * batches of 128) by where its CPU time goes: drawing the batch (shuffled order, rows copied),
 * zeroing the gradients, forward, loss, backward and the optimizer's update, each timed by the
 * calling thread's CPU clock. Run it with {@code -Dneurite.threads=1}, so that every kernel runs
 * on the timed thread; the data are random images of Fashion-MNIST's shape (the work does not
 * depend on the values). Prints, per epoch of 60,000 samples, the CPU milliseconds of each part
 * per step and their shares; the first epochs are the JIT's warm-up.
 *
 * <p>Usage: {@code java --add-modules jdk.incubator.vector -Dneurite.threads=1 -cp benchmarks.jar
 * org.neurite.bench.MlpStepCpuTimes [epochs]} (default 4).
 */
public final class MlpStepCpuTimes {

    private static final int SAMPLES = 60_000;
    private static final int BATCH = 128;
    private static final String[] PARTS = {"batch", "zero grads", "forward", "loss", "backward", "adam"};

    private MlpStepCpuTimes() {
    }

    /** @param args the epochs to run (default 4) */
    public static void main(String[] args) {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        ThreadMXBean clock = ManagementFactory.getThreadMXBean();
        SplittableRandom random = new SplittableRandom(0);
        float[] images = new float[SAMPLES * 784];
        float[] labels = new float[SAMPLES];
        for (int i = 0; i < images.length; i++) {
            images[i] = random.nextInt(256) / 255f;
        }
        for (int i = 0; i < SAMPLES; i++) {
            labels[i] = random.nextInt(10);
        }
        Dataset data = Dataset.ofClasses(images, Shape.of(1, 28, 28), labels, 10);
        Sequential model = Sequential.builder(Shape.of(1, 28, 28)).seed(0)
                .add("flatten", Map.of())
                .add("dense", Map.of("units", 256, "activation", "relu"))
                .add("dense", Map.of("units", 128, "activation", "relu"))
                .add("dense", Map.of("units", 10))
                .build();
        Loss loss = Components.builtIns().loss("cross_entropy", Options.empty());
        Adam adam = Adam.adam(new Adam.Settings(1e-3, 0.9, 0.999, 1e-8, 0, false));
        Map<String, Parameter> parameters = model.parameters();
        for (int epoch = 1; epoch <= epochs; epoch++) {
            long[] nanos = new long[PARTS.length];
            int steps = 0;
            long epochStart = clock.getCurrentThreadCpuTime();
            long t = epochStart;
            for (Batch batch : DataLoader.of(data, CpuBackend.instance()).batchSize(BATCH).shuffle(epoch).build()
                    .nextEpoch()) {
                t = lap(clock, nanos, 0, t);
                for (Parameter p : parameters.values()) {
                    p.zeroGradient();
                }
                t = lap(clock, nanos, 1, t);
                Tensor out = Model.apply(model, batch.inputs(), Mode.TRAINING);
                t = lap(clock, nanos, 2, t);
                Tensor l = loss.compute(out, batch.targets());
                l.item();
                t = lap(clock, nanos, 3, t);
                l.backward();
                t = lap(clock, nanos, 4, t);
                adam.step(parameters);
                t = lap(clock, nanos, 5, t);
                steps++;
            }
            double total = (clock.getCurrentThreadCpuTime() - epochStart) / 1e6;
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                    "epoch %d: %.3f CPU ms per step (%.2f s):", epoch, total / steps, total / 1e3));
            for (int i = 0; i < PARTS.length; i++) {
                line.append(String.format(Locale.ROOT, "  %s %.3f (%.0f%%)", PARTS[i], nanos[i] / 1e6 / steps,
                        100 * nanos[i] / 1e6 / total));
            }
            System.out.println(line);
        }
    }

    /** Adds the CPU time since {@code since} to part {@code part}; returns the time now. */
    private static long lap(ThreadMXBean clock, long[] nanos, int part, long since) {
        long now = clock.getCurrentThreadCpuTime();
        nanos[part] += now - since;
        return now;
    }
}
