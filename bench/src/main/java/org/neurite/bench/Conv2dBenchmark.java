package org.neurite.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.neurite.api.Shape;
import org.neurite.engine.ops.Conv2d;
import org.neurite.engine.ops.Pooling;
import org.neurite.engine.tensor.CpuTensor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The convolution and pooling layers of the reference Fashion-MNIST CNN
 * ({@code bench/reference/pytorch_fashion.py cnn}) at its training batch of 128, 2 threads:
 * {@code conv1} (1 to 32 channels, 3x3, pad 1, on 28x28), {@code conv2} (32 to 64 on 14x14) and
 * {@code pool1}, {@code pool2} (2x2 max pooling of 32x28x28 and of 64x14x14). {@code forward} is
 * the op alone; {@code step} is the forward and the backward pass into the input and the weights,
 * as in a training step.
 *
 * <p>How many images share one matrix product is set by {@code -Dneurite.conv.columns} (output
 * pixels per product; 1 keeps one image per product): run with
 * {@code -jvmArgsAppend -Dneurite.conv.columns=N} to compare.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 6, time = 1)
@Measurement(iterations = 8, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g", "-Dneurite.threads=2"})
public class Conv2dBenchmark {

    /** The layer: conv1, conv2, pool1 or pool2. */
    @Param({"conv1", "conv2", "pool1", "pool2"})
    public String layer;

    private CpuTensor x;
    private CpuTensor w;
    private CpuTensor b;
    private CpuTensor dy;

    /** Seeded random inputs of the layer's shapes. */
    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(42);
        switch (layer) {
            case "conv1" -> {
                x = random(random, 128, 1, 28, 28);
                w = random(random, 32, 1, 3, 3);
                b = random(random, 32);
                dy = random(random, 128, 32, 28, 28);
            }
            case "conv2" -> {
                x = random(random, 128, 32, 14, 14);
                w = random(random, 64, 32, 3, 3);
                b = random(random, 64);
                dy = random(random, 128, 64, 14, 14);
            }
            case "pool1" -> {
                x = random(random, 128, 32, 28, 28);
                dy = random(random, 128, 32, 14, 14);
            }
            case "pool2" -> {
                x = random(random, 128, 64, 14, 14);
                dy = random(random, 128, 64, 7, 7);
            }
            default -> throw new IllegalArgumentException("layer must be conv1, conv2, pool1 or pool2, got " + layer);
        }
    }

    private static CpuTensor random(SplittableRandom random, int... dims) {
        float[] v = new float[(int) Shape.of(dims).size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextDouble(-1, 1);
        }
        return CpuTensor.wrap(v, Shape.of(dims));
    }

    private CpuTensor apply(CpuTensor input) {
        return layer.startsWith("pool") ? Pooling.maxPool2d(input, new int[] {2, 2}, new int[] {2, 2}, new int[] {0, 0})
                : Conv2d.forward(input, w, b, new int[] {1, 1}, new int[] {1, 1});
    }

    /** @return the output, so the work is not optimized away */
    @Benchmark
    public float[] forward() {
        return apply(x).data();
    }

    /** @return the input's gradient, after the forward and backward pass of one training step */
    @Benchmark
    public float[] step() {
        CpuTensor in = CpuTensor.wrap(x.data(), x.shape()).requireGrad();
        if (w != null) {
            w = CpuTensor.wrap(w.data(), w.shape()).requireGrad();
            b = CpuTensor.wrap(b.data(), b.shape()).requireGrad();
        }
        apply(in).backward(dy);
        return in.gradArray();
    }
}
