package org.neurite.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.neurite.api.Mode;
import org.neurite.api.Shape;
import org.neurite.engine.CpuBackend;
import org.neurite.engine.ops.MultiHeadAttention;
import org.neurite.engine.tensor.CpuTensor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The fused multi-head attention ({@link MultiHeadAttention}) at the shapes of the Transformer
 * examples, on the engine's 2 threads: {@link #shape} is {@code <name>_<batch>_<time>_<heads>_<width>},
 * with the attention causal for the GPT. {@link #forward} is inference (no graph recorded);
 * {@link #forwardBackward} one training step's attention, the forward and the gradients of q, k
 * and v. The projections around it are plain GEMMs, measured by {@link GemmBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 6, time = 1)
@Measurement(iterations = 8, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g", "-Dneurite.threads=2"})
public class AttentionBenchmark {

    /** fashion-vit: 128 images of 16 patch tokens, 4 heads of 16; shakespeare-gpt: 12 x 64 characters, 4 heads of 32. */
    @Param({"vit_128_16_4_64", "gpt_12_64_4_128"})
    public String shape;

    private CpuTensor q;
    private CpuTensor k;
    private CpuTensor v;
    private CpuTensor upstream;
    private int heads;
    private boolean causal;

    /** Parses {@link #shape} and fills q, k, v and the upstream gradient with seeded random values. */
    @Setup
    public void setUp() {
        String[] parts = shape.split("_");
        if (parts.length != 5) {
            throw new IllegalArgumentException("shape must look like vit_128_16_4_64, got '" + shape + "'");
        }
        causal = parts[0].equals("gpt");
        int batch = Integer.parseInt(parts[1]);
        int time = Integer.parseInt(parts[2]);
        heads = Integer.parseInt(parts[3]);
        int width = Integer.parseInt(parts[4]);
        SplittableRandom random = new SplittableRandom(42);
        q = random(random, batch, time, width);
        k = random(random, batch, time, width);
        v = random(random, batch, time, width);
        upstream = random(random, batch, time, width);
    }

    private static CpuTensor random(SplittableRandom random, int... dims) {
        Shape s = Shape.of(dims);
        float[] x = new float[s.intSize()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextDouble(-1, 1);
        }
        return CpuTensor.wrap(x, s);
    }

    /** @return the attended values, so the work is not optimized away */
    @Benchmark
    public float[] forward() {
        try (var scope = CpuBackend.instance().noGrad()) {
            return MultiHeadAttention.apply(q, k, v, heads, null, causal, 0f, Mode.INFERENCE, null).data();
        }
    }

    /** @return the gradient of q, so the work is not optimized away */
    @Benchmark
    public float[] forwardBackward() {
        q.requireGrad();
        k.requireGrad();
        v.requireGrad();
        q.zeroGrad();
        k.zeroGrad();
        v.zeroGrad();
        MultiHeadAttention.apply(q, k, v, heads, null, causal, 0f, Mode.TRAINING, null).backward(upstream);
        return q.gradArray();
    }
}
