package org.neurite.spark.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.spark.api.java.JavaSparkContext;
import org.neurite.api.Options;
import org.neurite.engine.data.Dataset;
import org.neurite.engine.nn.Model;
import org.neurite.engine.registry.Components;
import org.neurite.engine.train.EpochResult;
import org.neurite.engine.train.StepGradients;
import org.neurite.engine.train.Trainer;
import org.neurite.spark.FashionMlp;
import org.neurite.spark.LocalSpark;
import org.neurite.spark.SparkTraining;
import org.neurite.spark.sync.LocalMicroBatches;
import org.neurite.spark.sync.SyncGradients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The synchronous mode's step times for the Fashion-MNIST MLP (235,146 parameters, 2,048 rows,
 * batches of 128 in micro-batches of 32, Adam): one machine as the trainer runs it, one machine
 * with micro-batches, and Spark {@code local[2]} with 1, 2 and 4 partitions; the first epoch warms
 * up and is left out. Not part of the suite: {@code bench/spark.sh} runs it, and it prints the figures.
 */
@EnabledIfSystemProperty(named = "neurite.bench", matches = "true")
class SyncStepTimes {

    private static final int BATCH = 128;
    private static final int MICRO = 32;
    private static final int EPOCHS = 4;

    @Test
    void printStepTimes() {
        Dataset train = FashionMlp.train(2048);
        int steps = (train.size() + BATCH - 1) / BATCH;
        List<String> lines = new ArrayList<>();
        double plain = msPerStep(FashionMlp.model(), null, train, steps);
        lines.add(line("one machine, whole batches", plain, plain));
        Model local = FashionMlp.model();
        double micro = msPerStep(local, LocalMicroBatches.of(local, Map.entry("cross_entropy", Map.of()), train,
                Components.builtIns(), MICRO), train, steps);
        lines.add(line("one machine, micro-batches of 32", micro, plain));
        JavaSparkContext spark = LocalSpark.shared();
        for (int partitions : new int[] {1, 2, 4}) {
            Model model = FashionMlp.model();
            try (SyncGradients gradients = SparkTraining.on(spark).partitions(partitions).microBatch(MICRO)
                    .synchronous(model, train)) {
                double ms = msPerStep(model, gradients, train, steps);
                lines.add(line("spark local[2], " + partitions + " partition(s)", ms, plain)
                        + String.format(Locale.ROOT, "; overhead over micro-batches on one machine %.1f ms", ms - micro));
            }
        }
        lines.forEach(l -> System.out.println("figure: " + l));
    }

    private static String line(String what, double ms, double plain) {
        return String.format(Locale.ROOT, "%-36s %7.1f ms per step (%.2fx one machine)", what, ms, ms / plain);
    }

    /** Mean milliseconds per step over the epochs after the first. */
    private static double msPerStep(Model model, StepGradients gradients, Dataset train, int steps) {
        Trainer trainer = Trainer.builder(model, Components.builtIns().loss("cross_entropy", Options.empty()),
                FashionMlp.adam()).epochs(EPOCHS).batchSize(BATCH).seed(0).stepGradients(gradients).build();
        List<EpochResult> epochs = trainer.fit(train).epochs();
        double seconds = 0;
        for (EpochResult e : epochs.subList(1, epochs.size())) {
            seconds += e.seconds();
        }
        return seconds * 1000 / ((EPOCHS - 1) * steps);
    }
}
