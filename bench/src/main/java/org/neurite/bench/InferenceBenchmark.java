package org.neurite.bench;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.neurite.api.Shape;
import org.neurite.engine.data.FashionMnist;
import org.neurite.engine.inference.Predictor;
import org.neurite.engine.inference.Prediction;
import org.neurite.engine.inference.Preprocessing;
import org.neurite.engine.nn.Sequential;
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
 * Prediction with the Fashion-MNIST MLP (784-256-128-10 ReLU) through {@link Predictor}, as an
 * application calls it: raw pixels in (scaled by 255 as stored with the model), class
 * probabilities out. {@link #batchOfOne} is sampled per call, so JMH reports its median and
 * p99 latency; {@link #batchOfThousand} gives samples per second as 1000 x its operations per
 * second (the batch PyTorch's reference script times, {@code pytorch_fashion.py}). The
 * weights are a seeded initialisation: the work does not depend on their values.
 */
@State(Scope.Benchmark)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class InferenceBenchmark {

    private Predictor model;
    private float[] one;
    private float[][] thousand;

    /** Builds the model and seeded raw inputs. */
    @Setup
    public void setUp() {
        Sequential network = Sequential.builder(Shape.of(1, 28, 28)).seed(0)
                .add("flatten", Map.of())
                .add("dense", Map.of("units", 256, "activation", "relu"))
                .add("dense", Map.of("units", 128, "activation", "relu"))
                .add("dense", Map.of("units", 10))
                .build();
        model = Predictor.of(network, Preprocessing.scale(255), FashionMnist.CLASS_NAMES, "cross_entropy");
        SplittableRandom random = new SplittableRandom(0);
        thousand = new float[1000][784];
        for (float[] row : thousand) {
            for (int i = 0; i < row.length; i++) {
                row[i] = random.nextInt(256);
            }
        }
        one = thousand[0];
    }

    /** @return the prediction for one image */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Prediction batchOfOne() {
        return model.predict(one);
    }

    /** @return the predictions for 1000 images in one batch */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public List<Prediction> batchOfThousand() {
        return model.predictBatch(thousand);
    }
}
