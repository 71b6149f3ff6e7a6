package org.neurite.spark.barrier;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.neurite.spark.LocalSpark;
import org.neurite.spark.ring.LoopbackRing;

/**
 * The barrier modes across executor JVMs, in {@code local-cluster[2,1,1024]} (see
 * {@link LocalSpark#localCluster}: it needs a Spark installation, {@code SPARK_HOME}); without
 * one the suite is skipped. {@code spark/local-cluster.sh} runs it, with a stand-in installation
 * made of Maven's Spark jars where there is no real one.
 */
@EnabledIfEnvironmentVariable(named = "SPARK_HOME", matches = ".+", disabledReason = "local-cluster suite skipped:"
        + " SPARK_HOME is not set (local-cluster starts executor JVMs through a Spark installation; spark/local-cluster.sh makes a stand-in)")
class LocalClusterBarrierTest {

    private static final MlpRecipe RUN = new MlpRecipe(20, List.of(16), 4, 96, 2, 16, 5, null);
    private static JavaSparkContext spark;

    @BeforeAll
    static void start() {
        spark = LocalSpark.localCluster("barrier-local-cluster-test");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void gradientAllReduceAcrossTwoExecutorJvmsEndsAsTheRingBetweenThreads() throws Exception {
        BarrierTraining.Run run = BarrierTraining.run(spark, RUN, BarrierMode.allReduce(), 2);
        List<WorkerResult> threads = LoopbackRing.run(2, 1, ring -> WorkerTraining.run(RUN, BarrierMode.allReduce(), ring, 0));
        assertThat(run.weights()).isEqualTo(threads.get(0).weights());
    }

    @Test
    void localSgdAcrossTwoExecutorJvmsEndsAsTheRingBetweenThreads() throws Exception {
        BarrierTraining.Run run = BarrierTraining.run(spark, RUN, BarrierMode.localSgd(4), 2);
        List<WorkerResult> threads = LoopbackRing.run(2, 1, ring -> WorkerTraining.run(RUN, BarrierMode.localSgd(4), ring, 0));
        assertThat(run.weights()).isEqualTo(threads.get(0).weights());
    }

    @Test
    void anExecutorLostMidRunIsReplacedAndTheRunEndsWithTheUndisturbedWeights() throws Exception {
        List<WorkerResult> undisturbed = LoopbackRing.run(2, 1,
                ring -> WorkerTraining.run(RUN, BarrierMode.allReduce(), ring, 0));
        // worker 1's executor JVM exits after step 7 of 12 on the first attempt; the standalone
        // worker starts a new executor and Spark retries the barrier stage on both
        BarrierTraining.Run run = BarrierTraining.run(spark, RUN.failing(new FailOnce(1, 7, true)),
                BarrierMode.allReduce(), 2);
        assertThat(run.weights()).isEqualTo(undisturbed.get(0).weights());
    }
}
