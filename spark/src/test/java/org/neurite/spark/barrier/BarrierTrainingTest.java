package org.neurite.spark.barrier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neurite.spark.LocalSpark;
import org.neurite.spark.ring.LoopbackRing;

/**
 * Barrier training in the tests' shared {@code local[2,2]} context: two task slots, and a failed
 * task may be retried once, so that a task failing on its first attempt is a real retry of the
 * barrier stage.
 */
class BarrierTrainingTest {

    private static final MlpRecipe RUN = new MlpRecipe(20, List.of(16), 4, 96, 2, 16, 5, null);
    private static JavaSparkContext spark;
    private static BarrierTraining.Run undisturbed;

    @BeforeAll
    static void start() {
        spark = LocalSpark.shared();
    }

    @Test
    void gradientAllReduceOnSparkEndsAsTheSameRingBetweenThreads() throws Exception {
        BarrierTraining.Run run = undisturbed();
        List<WorkerResult> threads = LoopbackRing.run(2, 1, ring -> WorkerTraining.run(RUN, BarrierMode.allReduce(), ring, 0));
        assertThat(run.weights()).isEqualTo(threads.get(0).weights());
        assertThat(run.workers()).extracting(WorkerResult::steps).containsExactly(12L, 12L);
        assertThat(run.workers().get(1).weights()).isEmpty();
    }

    @Test
    void localSgdOnSparkEndsAsTheSameRingBetweenThreads() throws Exception {
        BarrierMode every4 = BarrierMode.localSgd(4);
        BarrierTraining.Run run = BarrierTraining.run(spark, RUN, every4, 2);
        List<WorkerResult> threads = LoopbackRing.run(2, 1, ring -> WorkerTraining.run(RUN, every4, ring, 0));
        assertThat(run.weights()).isEqualTo(threads.get(0).weights());
    }

    @Test
    void aTaskFailingOnItsFirstAttemptIsRetriedAndEndsWithTheUndisturbedWeights() {
        // worker 1 fails after step 7 of 12; Spark retries the whole barrier stage, and its ring is a new one
        BarrierTraining.Run retried = BarrierTraining.run(spark, RUN.failing(new FailOnce(1, 7, false)),
                BarrierMode.allReduce(), 2);
        assertThat(retried.weights()).isEqualTo(undisturbed().weights());
    }

    @Test
    void workerZeroReportsItsEpochsStepsAndCheckpointsWhileTheStageRunsAndARetryTellsNothingTwice() {
        StoppingRecipe recipe = new StoppingRecipe(new MlpRecipe(20, List.of(16), 4, 96, 4, 16, 5,
                new FailOnce(1, 7, false)), new CheckpointPlan(1, 2), -1, null);
        Heard heard = new Heard();

        BarrierTraining.Run run = BarrierTraining.run(spark, recipe, BarrierMode.allReduce(), 2, heard);

        // 4 epochs of 6 steps; worker 1 failed after step 7 on the first attempt, and the retry told only what was new
        assertThat(heard.events.stream().filter(e -> e.startsWith("start ")).toList())
                .containsExactly("start 1", "start 2", "start 3", "start 4");
        assertThat(heard.events.stream().filter(e -> e.startsWith("step ")).toList()).hasSize(24)
                .startsWith("step 1/1").endsWith("step 4/24");
        assertThat(heard.events.stream().filter(e -> e.startsWith("end ")).toList())
                .containsExactly("end 1 live", "end 2 live", "end 3 live", "end 4 live");
        // the files told (written, then the oldest deleted: keep_last 2) are the checkpoints worker 0 kept, and
        // they do not travel again with its result
        assertThat(heard.files).containsOnlyKeys("epoch-003.optimizer.safetensors", "epoch-003.state.json",
                "epoch-003.weights.safetensors", "epoch-004.optimizer.safetensors", "epoch-004.state.json",
                "epoch-004.weights.safetensors");
        assertThat(WorkerTrainingTest.weights(heard.files.get("epoch-004.weights.safetensors")))
                .isEqualTo(WorkerTrainingTest.weights(run.weights()));
        assertThat(run.workers().get(0).checkpoints()).isEmpty();
    }

    /** What the driver heard, with whether the Spark job was still running when an epoch's end came. */
    private static final class Heard implements BarrierReports {
        final List<String> events = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        final java.util.Map<String, byte[]> files = new java.util.concurrent.ConcurrentSkipListMap<>();

        @Override
        public void epochStarted(int epoch) {
            events.add("start " + epoch);
        }

        @Override
        public void stepEnded(int epoch, long step, double loss) {
            events.add("step " + epoch + "/" + step);
        }

        @Override
        public void epochEnded(EpochFigures figures) {
            boolean live = spark.statusTracker().getActiveJobIds().length > 0;
            events.add("end " + figures.epoch() + (live ? " live" : " after"));
        }

        @Override
        public void checkpointWritten(String path, byte[] bytes) {
            files.put(path, bytes);
        }

        @Override
        public void checkpointDeleted(String path) {
            files.remove(path);
        }
    }

    /** The gradient all-reduce run of {@link #RUN} on 2 workers, run once for the class. */
    private static synchronized BarrierTraining.Run undisturbed() {
        if (undisturbed == null) {
            undisturbed = BarrierTraining.run(spark, RUN, BarrierMode.allReduce(), 2);
        }
        return undisturbed;
    }

    @Test
    void aRecipeThatDoesNotBuildOnTheExecutorsIsOneLineBeforeTheBarrierStage() {
        TrainingRecipe unreadable = new CheckedRecipe(RUN, null, "cannot read /shared/train.csv: no such file");
        assertThatThrownBy(() -> BarrierTraining.check(spark, unreadable, 2))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("barrier mode: on the executor at ")
                .hasMessageEndingWith(": cannot read /shared/train.csv: no such file");
        BarrierTraining.check(spark, new CheckedRecipe(RUN, null, null), 2);
    }

    @Test
    void moreWorkersThanTaskSlotsAreRefusedBeforeSubmitting() {
        assertThatThrownBy(() -> BarrierTraining.run(spark, RUN, BarrierMode.allReduce(), 3, Duration.ofMillis(200),
                BarrierTraining.CONNECT, BarrierTraining.SILENCE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("barrier mode: 3 workers need 3 task slots at once, but the cluster (local[2,2]) offers 2"
                        + " after 0.2 s; start more executors or cores, or use fewer workers");
    }
}
