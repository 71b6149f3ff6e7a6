package org.neurite.bench;

import java.util.concurrent.TimeUnit;

import org.neurite.engine.kernel.Parallel;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * What handing work to the engine's second thread costs, in the pattern of a training step: a
 * stretch of work on the calling thread ({@code gapTokens} of {@link Blackhole#consumeCPU}), then
 * one small parallel loop (scaling {@code floats} floats, about the size of a GPT activation
 * {@code [768, 128]}). {@code split} runs the loop over {@link Parallel}'s 2 threads,
 * {@code onCallingThread} the same loop on the caller alone; their difference against half the
 * loop's time is the hand-off's cost.
 */
@State(Scope.Benchmark)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 6, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-Dneurite.threads=2"})
public class ParallelHandOffBenchmark {

    @Param({"98304"})
    public int floats;

    /** Caller work between two loops: 0, about 5 µs, about 50 µs, about 500 µs. */
    @Param({"0", "2000", "20000", "200000"})
    public int gapTokens;

    private float[] data;

    /** An array of ones. */
    @Setup
    public void setUp() {
        data = new float[floats];
        java.util.Arrays.fill(data, 1f);
    }

    /** The loop split over the engine's threads. */
    @Benchmark
    public float split() {
        Blackhole.consumeCPU(gapTokens);
        Parallel.forRange(floats, 4096, this::scale);
        return data[0];
    }

    /** The same loop on the calling thread alone. */
    @Benchmark
    public float onCallingThread() {
        Blackhole.consumeCPU(gapTokens);
        return Parallel.onCallingThread(() -> {
            Parallel.forRange(floats, 4096, this::scale);
            return data[0];
        });
    }

    private void scale(int start, int end) {
        float[] d = data;
        for (int i = start; i < end; i++) {
            d[i] = d[i] * 0.999f + 0.001f;
        }
    }
}
