package org.neurite.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

import org.neurite.engine.kernel.Gemm;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time of one {@link Gemm#sgemm} call, {@code C = op(A) * op(B)}, for the shapes given by
 * {@link #shape}: {@code <tt>_<m>_<n>_<k>} where the two letters say whether A and B are stored
 * transposed ({@code n} no, {@code t} yes). GFLOP/s = {@code 2 m n k / time}. The pool's size is
 * fixed per JVM, so each thread count is a subclass that forks with its own
 * {@code -Dneurite.threads}: {@link GemmOneThread}, {@link GemmTwoThreads}.
 *
 * <p>The default shapes are 1024³ and the products of one training step of the 784-256-128-10
 * perceptron at batch 128 (forward {@code x W^T}, weight gradient {@code dY^T x}, input
 * gradient {@code dY W}), the forward products of prediction at batch 1000, and those of the
 * small transformer's step (batch 12 x context 64 = 768 rows, width 128: the fused QKV
 * projection to 384, the feed-forward to 512 and back, the input gradients, and the weight
 * gradients with the 768 rows as depth). {@link GemmCpuTimes} times the same shapes by CPU time.
 *
 * <p>Warm-up is long on purpose: the first calls run the vector kernel in the interpreter and
 * in C1 code, and on a busy machine the optimizing compiler needs several seconds. Short
 * measurement iterations match the reference script's (best of short repetitions).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 8, time = 1)
@Measurement(iterations = 10, time = 500, timeUnit = TimeUnit.MILLISECONDS)
public abstract class GemmBenchmark {

    /** The product: transposes and sizes, such as {@code nt_128_256_784}. */
    @Param({
        "nn_1024_1024_1024",
        "nt_128_256_784", "tn_256_784_128",
        "nt_128_128_256", "tn_128_256_128", "nn_128_256_128",
        "nt_128_10_128", "tn_10_128_128", "nn_128_128_10", "nn_128_10_128",
        "nt_1000_256_784", "nt_1000_128_256", "nt_1000_10_128",
        "nt_768_384_128", "nt_768_512_128", "nt_768_128_512",
        "nn_768_128_384", "nn_768_128_512", "nn_768_512_128",
        "tn_384_128_768", "tn_512_128_768", "tn_128_512_768",
    })
    public String shape;

    private boolean transA;
    private boolean transB;
    private int m;
    private int n;
    private int k;
    private float[] a;
    private float[] b;
    private float[] c;

    /** Parses {@link #shape} and fills A and B with seeded random values. */
    @Setup
    public void setUp() {
        String[] parts = shape.split("_");
        if (parts.length != 4 || parts[0].length() != 2 || !parts[0].matches("[nt]{2}")) {
            throw new IllegalArgumentException("shape must look like nt_128_256_784, got '" + shape + "'");
        }
        transA = parts[0].charAt(0) == 't';
        transB = parts[0].charAt(1) == 't';
        m = Integer.parseInt(parts[1]);
        n = Integer.parseInt(parts[2]);
        k = Integer.parseInt(parts[3]);
        RandomGenerator random = new SplittableRandom(42);
        a = random(m * k, random);
        b = random(k * n, random);
        c = new float[m * n];
    }

    private static float[] random(int size, RandomGenerator random) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) random.nextDouble(-1, 1);
        }
        return x;
    }

    /** @return C, so the product is not optimized away */
    @Benchmark
    public float[] sgemm() {
        Gemm.sgemm(transA, transB, m, n, k, 1f, a, 0, transA ? m : k, b, 0, transB ? k : n, 0f, c, 0, n);
        return c;
    }
}
