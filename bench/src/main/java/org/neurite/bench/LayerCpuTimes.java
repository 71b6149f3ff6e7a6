package org.neurite.bench;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Supplier;

import org.neurite.api.Shape;
import org.neurite.engine.ops.Conv2d;
import org.neurite.engine.ops.Pooling;
import org.neurite.engine.tensor.CpuTensor;

/**
 * The layers of {@link Conv2dBenchmark} timed by the process's CPU time rather than the wall
 * clock: on a machine shared with other work the wall time of an op swings by 2x while the CPU it
 * costs stays within a few percent, so this compares two versions of a kernel (before and after,
 * run one after the other) where JMH cannot. Prints, for three rounds, the CPU milliseconds per op
 * (all threads together) of each layer's forward pass and training step (forward, then backward
 * into the input and the weights; conv1's input needs no gradient, as in the model).
 *
 * <p>Usage: {@code java --add-modules jdk.incubator.vector -Dneurite.threads=1 -cp benchmarks.jar
 * org.neurite.bench.LayerCpuTimes [repetitions]} (default 15; one thread gives the steadiest figures).
 */
public final class LayerCpuTimes {

    private LayerCpuTimes() {
    }

    /**
     * @param args the repetitions of each op per round (default 15)
     */
    public static void main(String[] args) {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        SplittableRandom random = new SplittableRandom(42);
        CpuTensor x1 = random(random, 128, 1, 28, 28);
        CpuTensor w1 = random(random, 32, 1, 3, 3);
        CpuTensor b1 = random(random, 32);
        CpuTensor dy1 = random(random, 128, 32, 28, 28);
        CpuTensor x2 = random(random, 128, 32, 14, 14);
        CpuTensor w2 = random(random, 64, 32, 3, 3);
        CpuTensor b2 = random(random, 64);
        CpuTensor dy2 = random(random, 128, 64, 14, 14);
        CpuTensor p1 = random(random, 128, 32, 28, 28);
        CpuTensor dp1 = random(random, 128, 32, 14, 14);
        CpuTensor p2 = random(random, 128, 64, 14, 14);
        CpuTensor dp2 = random(random, 128, 64, 7, 7);
        int[] one = {1, 1};
        int[] two = {2, 2};
        int[] none = {0, 0};
        String[] names = {"conv1 forward", "conv1 step", "conv2 forward", "conv2 step", "pool1 forward", "pool1 step",
            "pool2 forward", "pool2 step"};
        @SuppressWarnings("unchecked")
        Supplier<float[]>[] ops = new Supplier[] {
            () -> Conv2d.forward(x1, w1, b1, one, one).data(),
            () -> {
                CpuTensor w = grad(w1);
                CpuTensor b = grad(b1);
                Conv2d.forward(x1, w, b, one, one).backward(dy1);
                return w.gradArray();
            },
            () -> Conv2d.forward(x2, w2, b2, one, one).data(),
            () -> {
                CpuTensor x = grad(x2);
                CpuTensor w = grad(w2);
                CpuTensor b = grad(b2);
                Conv2d.forward(x, w, b, one, one).backward(dy2);
                return x.gradArray();
            },
            () -> Pooling.maxPool2d(p1, two, two, none).data(),
            () -> {
                CpuTensor x = grad(p1);
                Pooling.maxPool2d(x, two, two, none).backward(dp1);
                return x.gradArray();
            },
            () -> Pooling.maxPool2d(p2, two, two, none).data(),
            () -> {
                CpuTensor x = grad(p2);
                Pooling.maxPool2d(x, two, two, none).backward(dp2);
                return x.gradArray();
            },
        };
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        float sink = 0;
        for (int round = 1; round <= 3; round++) {
            StringBuilder line = new StringBuilder("round " + round + " (CPU ms per op):");
            for (int k = 0; k < ops.length; k++) {
                long start = os.getProcessCpuTime();
                for (int i = 0; i < reps; i++) {
                    sink += ops[k].get()[0];
                }
                line.append(String.format(Locale.ROOT, "  %s %.1f", names[k], (os.getProcessCpuTime() - start) / 1e6 / reps));
            }
            System.out.println(line);
        }
        if (sink == Float.MIN_VALUE) {
            System.out.println(sink);
        }
    }

    private static CpuTensor grad(CpuTensor t) {
        return CpuTensor.wrap(t.data(), t.shape()).requireGrad();
    }

    private static CpuTensor random(SplittableRandom random, int... dims) {
        float[] v = new float[(int) Shape.of(dims).size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextDouble(-1, 1);
        }
        return CpuTensor.wrap(v, Shape.of(dims));
    }
}
