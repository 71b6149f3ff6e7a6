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
 * One step of a recurrent cell ({@link RecurrentCell#step}, the backend's fused
 * {@code rnnCell}/{@code lstmCell}/{@code gruCell}) without gradients, as text generation runs it
 * one character at a time, at the reference shapes ({@code <batch>_<input>_<hidden>}):
 * {@code 1_64_256} and {@code 1_256_256} are the first and second layer of
 * {@code pytorch_charlm.py lstm|gru|rnn} generating one sequence, {@code 128_28_128} one step of
 * a Fashion-MNIST batch of {@code pytorch_fashion.py rnn|lstm|gru}. Two threads, as the
 * reference scripts use. Whole sequences in training: {@link RecurrentSequenceBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 8, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g", "-Dneurite.threads=2"})
public class RecurrentCellBenchmark {

    /** The cell: rnn_tanh, lstm or gru. */
    @Param({"rnn_tanh", "lstm", "gru"})
    public String cell;

    /** {@code batch_input_hidden}. */
    @Param({"1_64_256", "1_256_256", "128_28_128"})
    public String shape;

    private RecurrentCell kind;
    private Tensor x;
    private List<Tensor> state;
    private RecurrentCell.Weights weights;

    /** Seeded operands of the shape. */
    @Setup
    public void setUp() {
        kind = RecurrentCell.valueOf(cell.toUpperCase(Locale.ROOT));
        String[] p = shape.split("_");
        int batch = Integer.parseInt(p[0]);
        int input = Integer.parseInt(p[1]);
        int hidden = Integer.parseInt(p[2]);
        int g = kind.gates() * hidden;
        SplittableRandom random = new SplittableRandom(42);
        x = random(random, 1.0, batch, input);
        state = kind.states() == 2 ? List.of(random(random, 0.5, batch, hidden), random(random, 0.5, batch, hidden))
                : List.of(random(random, 0.5, batch, hidden));
        double bound = 1 / Math.sqrt(hidden);
        weights = new RecurrentCell.Weights(random(random, bound, g, input), random(random, bound, g, hidden),
                random(random, bound, g), random(random, bound, g));
    }

    private static CpuTensor random(SplittableRandom random, double bound, int... dims) {
        float[] v = new float[Shape.of(dims).intSize()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextDouble(-bound, bound);
        }
        return CpuTensor.wrap(v, Shape.of(dims));
    }

    /** @return the state after one step */
    @Benchmark
    public List<Tensor> step() {
        Backend backend = CpuBackend.instance();
        try (var scope = backend.noGrad()) {
            return kind.step(backend, x, state, weights);
        }
    }
}
