package org.neurite.spark.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.neurite.engine.data.Dataset;
import org.neurite.engine.nn.Model;
import org.neurite.engine.registry.Components;
import org.neurite.spark.FashionMlp;
import org.neurite.spark.LocalSpark;
import org.neurite.spark.SparkTraining;
import org.neurite.spark.travel.DatasetBytes;
import org.neurite.spark.travel.LossSpec;
import org.neurite.spark.travel.ModelBytes;
import org.neurite.spark.travel.PluginZips;
import org.neurite.spark.travel.TrainingParts;

/**
 * The synchronous mode across two executor JVMs ({@code local-cluster[2,1,1024]}, which needs a
 * Spark installation: see {@link LocalSpark#localCluster}): the Fashion-MNIST MLP on 2,048 rows,
 * batches of 128 in micro-batches of 32, Adam, 20 steps, ends with one machine's weights and
 * losses bit for bit, as {@link SyncModeTest} shows within one JVM.
 */
@EnabledIfEnvironmentVariable(named = "SPARK_HOME", matches = ".+", disabledReason = "local-cluster suite skipped:"
        + " SPARK_HOME is not set (local-cluster starts executor JVMs through a Spark installation; spark/local-cluster.sh makes a stand-in)")
class LocalClusterSyncTest {

    private static JavaSparkContext spark;

    @BeforeAll
    static void start() {
        spark = LocalSpark.localCluster("sync-local-cluster-test");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void weightsAcrossTwoExecutorJvmsAreThoseOfOneMachineBitForBit() {
        Dataset train = FashionMlp.train(SyncModeTest.ROWS);
        Model alone = FashionMlp.model();
        TrainingParts parts = new TrainingParts(ModelBytes.of(alone, Map.of()), LossSpec.of("cross_entropy", Map.of()),
                DatasetBytes.of(train), PluginZips.NONE);
        double[] aloneLosses = SyncModeTest.fit(alone, train,
                new LocalMicroBatches(alone.parameters(), parts, Components.builtIns(), SyncModeTest.MICRO));

        Model model = FashionMlp.model();
        double[] losses;
        try (SyncGradients gradients = SparkTraining.on(spark).partitions(2).microBatch(SyncModeTest.MICRO)
                .loss("cross_entropy", Map.of()).synchronous(model, train)) {
            losses = SyncModeTest.fit(model, train, gradients);
        }
        Map<String, float[]> weights = SyncModeTest.weights(model);
        Map<String, float[]> expected = SyncModeTest.weights(alone);
        assertThat(weights.keySet()).containsExactlyElementsOf(expected.keySet());
        weights.forEach((name, values) -> assertThat(SyncModeTest.bits(values)).as(name)
                .isEqualTo(SyncModeTest.bits(expected.get(name))));
        assertThat(losses).isEqualTo(aloneLosses);
    }
}
