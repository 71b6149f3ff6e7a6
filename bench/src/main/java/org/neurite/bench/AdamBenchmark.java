package org.neurite.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.neurite.api.Parameter;
import org.neurite.api.Shape;
import org.neurite.engine.CpuBackend;
import org.neurite.engine.init.UniformInitializer;
import org.neurite.engine.optim.Adam;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One Adam step over the parameters of the Fashion-MNIST MLP (784-256-128-10: 235,146 values
 * in six tensors), as every training step of that model takes one: the time of the optimizer's
 * share of a step. The gradients are fixed, seeded values; the work does not depend on them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class AdamBenchmark {

    private final Map<String, Parameter> parameters = new LinkedHashMap<>();
    private Adam adam;

    /** Creates the parameters with gradients, and the optimizer. */
    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(0);
        int[][] shapes = {{256, 784}, {256}, {128, 256}, {128}, {10, 128}, {10}};
        for (int i = 0; i < shapes.length; i++) {
            Parameter p = CpuBackend.instance().parameter(Shape.of(shapes[i]), UniformInitializer.fanInScaled(784),
                    random);
            p.value().sum().backward();
            parameters.put(i / 2 + "." + (i % 2 == 0 ? "weight" : "bias"), p);
        }
        adam = Adam.adam(new Adam.Settings(1e-3, 0.9, 0.999, 1e-8, 0, false));
    }

    /** @return a parameter's values, so the step is not optimized away */
    @Benchmark
    public float[] step() {
        adam.step(parameters);
        return parameters.get("0.weight").data();
    }
}
