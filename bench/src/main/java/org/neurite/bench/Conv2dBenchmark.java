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
 * as in a training step. {@code conv1-relu} and {@code conv2-relu} add the layers' ReLU as an op of
 * its own, {@code conv1-fused-relu} and {@code conv2-fused-relu} fuse it into the convolution
 * (what a {@code conv2d} layer with {@code activation: relu} runs).
 *
 * <p>{@code conv1} (9 taps) runs the direct kernels; {@code -jvmArgsAppend
 * -Dneurite.conv.directTaps=0} runs it through im2col and GEMM instead, to compare. How many images share one matrix product is set by {@code -Dneurite.conv.columns} (output
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
    @Param({"conv1", "conv1-relu", "conv1-fused-relu", "conv2", "conv2-relu", "conv2-fused-relu", "pool1", "pool2"})
    public String layer;

    private CpuTensor x;
    private CpuTensor w;
    private CpuTensor b;
    private CpuTensor dy;

    /** Seeded random inputs of the layer's shapes. */
    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(42);
        switch (layer.replace("-fused-relu", "").replace("-relu", "")) {
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
            default -> throw new IllegalArgumentException("layer must be conv1, conv2, pool1 or pool2 (the"
                    + " convolutions with -relu or -fused-relu), got " + layer);
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
        if (layer.startsWith("pool")) {
            return Pooling.maxPool2d(input, new int[] {2, 2}, new int[] {2, 2}, new int[] {0, 0});
        }
        int[] one = {1, 1};
        if (layer.endsWith("-fused-relu")) {
            return Conv2d.forward(input, w, b, one, one, one, 1, true);
        }
        CpuTensor y = Conv2d.forward(input, w, b, one, one);
        return layer.endsWith("-relu") ? CpuTensor.of(y.relu()) : y;
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
