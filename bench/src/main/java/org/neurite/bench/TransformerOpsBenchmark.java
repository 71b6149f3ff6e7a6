package org.neurite.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.neurite.api.Shape;
import org.neurite.engine.ops.Activations;
import org.neurite.engine.ops.Normalization;
import org.neurite.engine.tensor.CpuTensor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The element-wise and row-wise ops of a GPT block at {@code shakespeare-gpt}'s shapes (12 x 64
 * tokens of width 128, MLP width 512), on the engine's 2 threads: the exact GELU over the MLP's
 * hidden layer and the layer norm over the width, each forward alone and forward + backward
 * (every input needing its gradient, as in training).
 */
@State(Scope.Benchmark)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 8, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g", "-Dneurite.threads=2"})
public class TransformerOpsBenchmark {

    private static final int TOKENS = 12 * 64;
    private static final int WIDTH = 128;
    private static final int HIDDEN = 4 * WIDTH;

    private CpuTensor hidden;
    private CpuTensor hiddenGrad;
    private CpuTensor tokens;
    private CpuTensor tokensGrad;
    private CpuTensor gamma;
    private CpuTensor beta;

    /** Seeded random inputs and upstream gradients. */
    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(42);
        hidden = random(random, TOKENS, HIDDEN);
        hiddenGrad = random(random, TOKENS, HIDDEN);
        tokens = random(random, TOKENS, WIDTH);
        tokensGrad = random(random, TOKENS, WIDTH);
        gamma = random(random, WIDTH);
        beta = random(random, WIDTH);
    }

    /** GELU over {@code [768, 512]}, no graph recorded. */
    @Benchmark
    public float[] geluForward() {
        return Activations.gelu(hidden).data();
    }

    /** GELU over {@code [768, 512]} and its gradient. */
    @Benchmark
    public float[] geluForwardBackward() {
        CpuTensor x = grad(hidden);
        Activations.gelu(x).backward(hiddenGrad);
        return x.gradArray();
    }

    /** Layer norm over the width of {@code [768, 128]}, no graph recorded. */
    @Benchmark
    public float[] layerNormForward() {
        return Normalization.layerNorm(tokens, Shape.of(WIDTH), gamma, beta, 1e-5f).data();
    }

    /** Layer norm over {@code [768, 128]} and the gradients of the input, scale and shift. */
    @Benchmark
    public float[] layerNormForwardBackward() {
        CpuTensor x = grad(tokens);
        CpuTensor g = grad(gamma);
        CpuTensor b = grad(beta);
        Normalization.layerNorm(x, Shape.of(WIDTH), g, b, 1e-5f).backward(tokensGrad);
        return x.gradArray();
    }

    private static CpuTensor grad(CpuTensor t) {
        return CpuTensor.wrap(t.data(), t.shape()).requireGrad();
    }

    private static CpuTensor random(SplittableRandom random, int... dims) {
        float[] v = new float[(int) Shape.of(dims).size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextDouble(-2, 2);
        }
        return CpuTensor.wrap(v, Shape.of(dims));
    }
}
