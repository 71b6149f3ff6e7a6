package org.neurite.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.neurite.engine.kernel.Gemm;

/**
 * The shapes of {@link GemmBenchmark} timed by the calling thread's CPU time rather than the wall
 * clock, for comparing two versions of the kernel on a shared machine (run with one thread, where
 * the calling thread does all the work): the wall time of a product swings with the machine's
 * load while the CPU it costs stays within a few percent. Prints, per shape, the best and the
 * median CPU microseconds per call over the rounds and the GFLOP/s per CPU-second of the best.
 *
 * <p>Usage: {@code java --add-modules jdk.incubator.vector -Dneurite.threads=1 -cp benchmarks.jar
 * org.neurite.bench.GemmCpuTimes [shape ...]}, shapes as in {@link GemmBenchmark}
 * ({@code nt_1000_256_784}: transposes of A and B, then m, n, k); by default those of the
 * perceptron's inference and training step and of the small transformer's step.
 */
public final class GemmCpuTimes {

    /** The perceptron's prediction (per thread and whole) and training step, and the transformer's step. */
    static final List<String> DEFAULT_SHAPES = List.of(
            "nt_500_256_784", "nt_500_128_256", "nt_500_10_128", "nt_1000_256_784",
            "nt_128_256_784", "tn_256_784_128", "nn_128_784_256",
            "nt_128_128_256", "tn_128_256_128", "nn_128_256_128",
            "nt_768_384_128", "nt_768_512_128", "nt_768_128_512",
            "nn_768_128_384", "nn_768_128_512", "nn_768_512_128",
            "tn_384_128_768", "tn_512_128_768", "tn_128_512_768");

    private static final int ROUNDS = 15;
    private static final long ROUND_NANOS = 40_000_000L;

    private GemmCpuTimes() {
    }

    /**
     * @param args shapes such as {@code nt_1000_256_784}; none for {@link #DEFAULT_SHAPES}
     */
    public static void main(String[] args) {
        List<String> shapes = args.length > 0 ? List.of(args) : DEFAULT_SHAPES;
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        System.out.printf(Locale.ROOT, "%-18s %12s %12s %10s%n", "shape", "best us", "median us", "GFLOP/s");
        for (String shape : shapes) {
            Product p = Product.parse(shape);
            // warm-up: the vector kernel needs the optimizing compiler
            long warm = cpu.getCurrentThreadCpuTime();
            while (cpu.getCurrentThreadCpuTime() - warm < 1_500_000_000L) {
                p.run();
            }
            double[] perCall = new double[ROUNDS];
            for (int r = 0; r < ROUNDS; r++) {
                long start = cpu.getCurrentThreadCpuTime();
                int calls = 0;
                long used;
                do {
                    p.run();
                    calls++;
                    used = cpu.getCurrentThreadCpuTime() - start;
                } while (used < ROUND_NANOS);
                perCall[r] = used / 1e3 / calls;
            }
            Arrays.sort(perCall);
            double flop = 2.0 * p.m * p.n * p.k;
            System.out.printf(Locale.ROOT, "%-18s %12.1f %12.1f %10.1f%n", shape, perCall[0], perCall[ROUNDS / 2],
                    flop / perCall[0] / 1e3);
        }
    }

    /** One product {@code C = op(A) op(B)} with seeded random operands. */
    private static final class Product {
        final boolean transA;
        final boolean transB;
        final int m;
        final int n;
        final int k;
        final float[] a;
        final float[] b;
        final float[] c;

        private Product(boolean transA, boolean transB, int m, int n, int k) {
            this.transA = transA;
            this.transB = transB;
            this.m = m;
            this.n = n;
            this.k = k;
            SplittableRandom random = new SplittableRandom(42);
            a = random(m * k, random);
            b = random(k * n, random);
            c = new float[m * n];
        }

        static Product parse(String shape) {
            String[] parts = shape.split("_");
            if (parts.length != 4 || !parts[0].matches("[nt]{2}")) {
                throw new IllegalArgumentException("shape must look like nt_128_256_784, got '" + shape + "'");
            }
            return new Product(parts[0].charAt(0) == 't', parts[0].charAt(1) == 't',
                    Integer.parseInt(parts[1]), Integer.parseInt(parts[2]), Integer.parseInt(parts[3]));
        }

        void run() {
            Gemm.sgemm(transA, transB, m, n, k, 1f, a, 0, transA ? m : k, b, 0, transB ? k : n, 0f, c, 0, n);
        }

        private static float[] random(int size, SplittableRandom random) {
            float[] x = new float[size];
            for (int i = 0; i < size; i++) {
                x[i] = (float) random.nextDouble(-1, 1);
            }
            return x;
        }
    }
}
