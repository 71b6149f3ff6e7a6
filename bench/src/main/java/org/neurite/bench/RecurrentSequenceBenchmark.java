package org.neurite.bench;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.neurite.api.Backend;
import org.neurite.api.RecurrentCell;
import org.neurite.api.Shape;
import org.neurite.api.Tensor;
import org.neurite.engine.CpuBackend;
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
 * One layer, one direction of a recurrent cell over a whole batch of sequences with the
 * engine's fused {@link Backend#recurrentSequence}, at the reference shapes
 * ({@code <batch>_<time>_<input>_<hidden>}): {@code 128_28_28_128} is a Fashion-MNIST batch of
 * {@code bench/reference/pytorch_fashion.py rnn|lstm|gru}, {@code 32_64_64_256} and
 * {@code 32_64_256_256} the first and second layer of {@code pytorch_charlm.py lstm|gru|rnn}.
 * {@link #forward} is inference; {@link #trainingStep} adds backpropagation through time into
 * every operand's gradient, as one training step of that layer does. Two threads, as the
 * reference scripts use.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 6, time = 1)
@Measurement(iterations = 8, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g", "-Dneurite.threads=2"})
public class RecurrentSequenceBenchmark {

    /** The cell: rnn_tanh, lstm or gru. */
    @Param({"rnn_tanh", "lstm", "gru"})
    public String cell;

    /** {@code batch_time_input_hidden}. */
    @Param({"128_28_28_128", "32_64_64_256", "32_64_256_256"})
    public String shape;

    private RecurrentCell kind;
    private CpuTensor x;
    private List<Tensor> state;
    private RecurrentCell.Weights weights;
    private Tensor outputWeights;
    private List<CpuTensor> leaves;

    /** Seeded operands of the shape, all requiring gradients. */
    @Setup
    public void setUp() {
        kind = RecurrentCell.valueOf(cell.toUpperCase(Locale.ROOT));
        String[] p = shape.split("_");
        int batch = Integer.parseInt(p[0]);
        int time = Integer.parseInt(p[1]);
        int input = Integer.parseInt(p[2]);
        int hidden = Integer.parseInt(p[3]);
        int g = kind.gates() * hidden;
        SplittableRandom random = new SplittableRandom(42);
        x = random(random, 1.0, batch, time, input);
        state = kind.states() == 2 ? List.of(random(random, 0.5, batch, hidden), random(random, 0.5, batch, hidden))
                : List.of(random(random, 0.5, batch, hidden));
        double bound = 1 / Math.sqrt(hidden);
        weights = new RecurrentCell.Weights(random(random, bound, g, input), random(random, bound, g, hidden),
                random(random, bound, g), random(random, bound, g));
        outputWeights = random(random, 1.0, batch, time, hidden);
        leaves = new java.util.ArrayList<>(List.of(x, CpuTensor.of(weights.ih()), CpuTensor.of(weights.hh()),
                CpuTensor.of(weights.biasIh()), CpuTensor.of(weights.biasHh())));
        state.forEach(s -> leaves.add(CpuTensor.of(s)));
    }

    private static CpuTensor random(SplittableRandom random, double bound, int... dims) {
        float[] v = new float[Shape.of(dims).intSize()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextDouble(-bound, bound);
        }
        return CpuTensor.wrap(v, Shape.of(dims)).requireGrad();
    }

    /** @return the outputs, computed without recording gradients */
    @Benchmark
    public Tensor forward() {
        Backend backend = CpuBackend.instance();
        try (var scope = backend.noGrad()) {
            return backend.recurrentSequence(kind, x, state, weights, null, false).get(0);
        }
    }

    /** @return the input's gradient after one forward and backward pass */
    @Benchmark
    public Tensor trainingStep() {
        Backend backend = CpuBackend.instance();
        for (CpuTensor leaf : leaves) {
            leaf.zeroGrad();
        }
        List<Tensor> out = backend.recurrentSequence(kind, x, state, weights, null, false);
        out.get(0).mul(outputWeights).sum().add(out.get(1).sum()).backward();
        return x.grad();
    }
}
