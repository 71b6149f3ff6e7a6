package org.neurite.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;

import org.apache.spark.SparkConf;
import org.neurite.engine.data.Dataset;
import org.neurite.engine.nn.Model;
import org.neurite.spark.sync.SyncGradients;
import org.neurite.spark.travel.DatasetBytes;
import org.neurite.spark.travel.LossSpec;
import org.neurite.spark.travel.ModelBytes;
import org.neurite.spark.travel.PluginZips;
import org.neurite.spark.travel.TrainingParts;
import org.junit.jupiter.api.Test;

/** What a Spark training refuses, each in one line, before any step runs. */
class BadInputTest {

    @Test
    void anUnreachableMasterIsOneLineAtOnce() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String master = "spark://127.0.0.1:" + port;
        assertThatThrownBy(() -> SparkContexts.start(master, "unreachable"))
                .isInstanceOf(SparkTrainingException.class)
                .hasMessageStartingWith("spark: cannot reach the master " + master + " at 127.0.0.1:" + port + ": ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void morePartitionsThanSamplesIsRefused() {
        Dataset three = FashionMlp.train(3);
        assertThatThrownBy(() -> SparkTraining.on(LocalSpark.shared()).partitions(4).synchronous(FashionMlp.model(), three))
                .isInstanceOf(SparkTrainingException.class)
                .hasMessage("spark: 4 partitions but only 3 training samples; use at most 3 partitions");
    }

    @Test
    void settingsBelowOneAreRefused() {
        SparkTraining training = SparkTraining.on(LocalSpark.shared());
        assertThatThrownBy(() -> training.partitions(0)).hasMessage("spark: partitions must be at least 1, got 0");
        assertThatThrownBy(() -> training.microBatch(-1)).hasMessage("spark: the micro-batch size must be at least 1, got -1");
    }

    @Test
    void aModelNeedingAPluginTheExecutorsLackNamesThePluginBeforeTraining() {
        Model model = FashionMlp.model();
        Map<String, Object> info = Map.of("plugins", List.of(Map.of("id", "mish", "version", "1.2.0")));
        TrainingParts parts = new TrainingParts(ModelBytes.of(model, info), LossSpec.of("cross_entropy", Map.of()),
                DatasetBytes.of(FashionMlp.train(8)), PluginZips.NONE);
        try (SyncGradients gradients = new SyncGradients(LocalSpark.shared(), model.parameters(), parts, 2, 4)) {
            assertThatThrownBy(gradients::check).isInstanceOf(SparkTrainingException.class)
                    .hasMessageStartingWith("spark: the model needs the plugin 'mish' 1.2.0, which is not installed on"
                            + " the executors: pass its zip with the job (plugins folder) so that it travels with the"
                            + " model (task ")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
    }

    @Test
    void executorsWithTooLittleMemorySayHowMuchIsNeeded() {
        Model model = FashionMlp.model();
        TrainingParts parts = new TrainingParts(ModelBytes.of(model, Map.of()), LossSpec.of("cross_entropy", Map.of()),
                DatasetBytes.of(FashionMlp.train(2048)), PluginZips.NONE);
        SparkConf conf = new SparkConf().setMaster("spark://cluster:7077").set("spark.executor.memory", "4m")
                .set("spark.executor.cores", "2");
        // 2 x (940 KB of weights + 6.4 MB of data) + 2 tasks x 4 x 940 KB
        assertThatThrownBy(() -> ExecutorMemory.check(conf, parts, 2)).isInstanceOf(SparkTrainingException.class)
                .hasMessage("spark: executors need at least 22 MiB for the model and data (8 MiB sent, 4 MiB per task"
                        + " x 2 tasks) but have 4 MiB (spark.executor.memory); raise it to 44 MiB or more");
    }
}
