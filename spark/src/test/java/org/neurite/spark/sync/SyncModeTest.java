package org.neurite.spark.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.spark.api.java.JavaSparkContext;
import org.neurite.api.Loss;
import org.neurite.api.Options;
import org.neurite.api.Parameter;
import org.neurite.engine.data.Dataset;
import org.neurite.engine.nn.Model;
import org.neurite.engine.registry.Components;
import org.neurite.engine.train.StepGradients;
import org.neurite.engine.train.Trainer;
import org.neurite.spark.FashionMlp;
import org.neurite.spark.LocalSpark;
import org.neurite.spark.SparkTraining;
import org.neurite.spark.travel.DatasetBytes;
import org.neurite.spark.travel.LossSpec;
import org.neurite.spark.travel.ModelBytes;
import org.neurite.spark.travel.PluginZips;
import org.neurite.spark.travel.TrainingParts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The synchronous mode in {@code local[2]}: the Fashion-MNIST MLP on 2,048 rows, global batches of
 * 128 in micro-batches of 32, Adam, 20 steps, gives the weights and losses of one machine with the
 * same micro-batching, bit for bit, for 1, 2 and 4 partitions.
 */
class SyncModeTest {

    static final int ROWS = 2048;
    private static final int BATCH = 128;
    static final int MICRO = 32;
    private static final int STEPS = 20;

    private static JavaSparkContext spark;
    private static Dataset train;
    private static Map<String, float[]> oneMachine;
    private static double[] oneMachineLosses;

    @BeforeAll
    static void start() {
        spark = LocalSpark.shared();
        train = FashionMlp.train(ROWS);
        Model model = FashionMlp.model();
        TrainingParts parts = new TrainingParts(ModelBytes.of(model, Map.of()), LossSpec.of("cross_entropy", Map.of()),
                DatasetBytes.of(train), PluginZips.NONE);
        oneMachineLosses = fit(model, train, new LocalMicroBatches(model.parameters(), parts, Components.builtIns(), MICRO));
        oneMachine = weights(model);
    }


    @ParameterizedTest(name = "{0} partitions")
    @ValueSource(ints = {1, 2, 4})
    void weightsAreThoseOfOneMachineBitForBit(int partitions) {
        Model model = FashionMlp.model();
        double[] losses;
        try (SyncGradients gradients = SparkTraining.on(spark).partitions(partitions).microBatch(MICRO)
                .loss("cross_entropy", Map.of()).synchronous(model, train)) {
            losses = fit(model, train, gradients);
        }
        Map<String, float[]> weights = weights(model);
        assertThat(weights.keySet()).containsExactlyElementsOf(oneMachine.keySet());
        weights.forEach((name, values) -> assertThat(bits(values)).as(name).isEqualTo(bits(oneMachine.get(name))));
        assertThat(losses).isEqualTo(oneMachineLosses);
    }

    @Test
    void trainingLearns() {
        // the micro-batched run is real training: the loss of the last steps is well below the first's
        assertThat(oneMachineLosses[STEPS - 1]).isLessThan(oneMachineLosses[0] * 0.6);
    }

    /** Trains for {@link #STEPS} steps (an epoch and a quarter) and returns every step's loss. */
    static double[] fit(Model model, Dataset train, StepGradients gradients) {
        Loss loss = Components.builtIns().loss("cross_entropy", Options.empty());
        StepLimit limit = new StepLimit(STEPS);
        Trainer trainer = Trainer.builder(model, loss, FashionMlp.adam()).epochs(2).batchSize(BATCH).seed(0)
                .stepGradients(gradients).listener(limit).build();
        limit.run(() -> trainer.fit(train));
        return limit.losses();
    }

    static Map<String, float[]> weights(Model model) {
        Map<String, float[]> weights = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> p : model.parameters().entrySet()) {
            weights.put(p.getKey(), p.getValue().data().clone());
        }
        return weights;
    }

    static int[] bits(float[] values) {
        int[] bits = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Float.floatToRawIntBits(values[i]);
        }
        return bits;
    }
}
