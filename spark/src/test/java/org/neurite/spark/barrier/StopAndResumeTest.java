package org.neurite.spark.barrier;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.neurite.engine.train.CheckpointWriter;
import org.neurite.engine.train.Monitor;
import org.neurite.engine.train.EpochResult;
import org.neurite.spark.ring.LoopbackRing;

/**
 * Early stopping, the checkpoints kept and resuming in both barrier modes, between threads: every
 * worker stops after the epoch worker 0's rule chose, and a run resumed from a checkpoint ends as
 * the undisturbed one.
 */
class StopAndResumeTest {

    private static final MlpRecipe SIX_EPOCHS = new MlpRecipe(20, List.of(16), 4, 96, 6, 16, 5, null);
    private static final MlpRecipe TWO_EPOCHS = new MlpRecipe(20, List.of(16), 4, 96, 2, 16, 5, null);
    /** No epoch after the first improves on it by a million: early stopping ends the run after epoch 2. */
    private static final double NEVER_BETTER = 1e6;

    @Test
    void earlyStoppingEndsEveryWorkerAfterTheSameEpochInBothModes() throws Exception {
        for (BarrierMode mode : List.of(BarrierMode.allReduce(), BarrierMode.localSgd(4))) {
            StoppingRecipe stopping = new StoppingRecipe(SIX_EPOCHS, null, NEVER_BETTER, null);
            StoppingRecipe twoEpochs = new StoppingRecipe(TWO_EPOCHS, null, -1, null);
            List<WorkerResult> stopped = LoopbackRing.run(2, 1, ring -> WorkerTraining.run(stopping, mode, ring, 0));
            List<WorkerResult> short2 = LoopbackRing.run(2, 2, ring -> WorkerTraining.run(twoEpochs, mode, ring, 0));

            assertThat(stopped).as("%s", mode).allSatisfy(r -> assertThat(r.epochs()).hasSize(2));
            assertThat(stopped.get(1).digest()).as("%s", mode).isEqualTo(stopped.get(0).digest());
            // stopping after epoch 2 of 6 is the run of 2 epochs, bit for bit (local SGD averages once more at the end)
            assertThat(stopped.get(0).weights()).as("%s", mode).isEqualTo(short2.get(0).weights());
            assertThat(stopped.get(0).steps()).as("%s", mode).isEqualTo(short2.get(0).steps());
        }
    }

    @Test
    void keepBestKeepsTheBestEpochBesidesTheLatest() throws Exception {
        CheckpointPlan plan = new CheckpointPlan(1, 1, "val_loss", false);
        StoppingRecipe recipe = new StoppingRecipe(SIX_EPOCHS, plan, -1, null);
        List<WorkerResult> results = LoopbackRing.run(2, 3, ring -> WorkerTraining.run(recipe, BarrierMode.allReduce(),
                ring, 0));
        List<EpochResult> epochs = results.get(0).epochs().stream().map(EpochFigures::toResult).toList();
        int best = CheckpointWriter.bestEpoch(epochs, Monitor.of("val_loss"));

        assertThat(epochs).hasSize(6);
        assertThat(epochsKept(results.get(0).checkpoints())).containsExactlyInAnyOrder(
                best == 6 ? new Integer[] {6} : new Integer[] {best, 6});
    }

    @Test
    void aRunResumedFromItsCheckpointEndsWithTheUndisturbedWeights() throws Exception {
        StoppingRecipe whole = new StoppingRecipe(SIX_EPOCHS, new CheckpointPlan(3, 0), -1, null);
        List<WorkerResult> undisturbed = LoopbackRing.run(2, 4, ring -> WorkerTraining.run(whole, BarrierMode.allReduce(),
                ring, 0));
        // the run folder as a run killed during epoch 4 left it: the checkpoint of epoch 3 only
        Map<String, byte[]> third = undisturbed.get(0).checkpoints().entrySet().stream()
                .filter(e -> e.getKey().startsWith("epoch-003.")).collect(Collectors.toMap(Map.Entry::getKey,
                        Map.Entry::getValue));
        StoppingRecipe resumed = whole.resumed(new ResumePoint(3, third));
        List<WorkerResult> again = LoopbackRing.run(2, 5, ring -> WorkerTraining.run(resumed, BarrierMode.allReduce(),
                ring, 0));

        assertThat(third).hasSize(3);
        assertThat(again.get(0).weights()).isEqualTo(undisturbed.get(0).weights());
        assertThat(again.get(0).steps()).isEqualTo(undisturbed.get(0).steps());
        assertThat(again.get(0).epochs()).hasSize(6);
        assertThat(again.get(0).checkpoints().get("epoch-006.weights.safetensors"))
                .isEqualTo(undisturbed.get(0).checkpoints().get("epoch-006.weights.safetensors"));
    }

    private static List<Integer> epochsKept(Map<String, byte[]> files) {
        return files.keySet().stream().filter(f -> f.endsWith(".state.json"))
                .map(f -> Integer.parseInt(f.substring("epoch-".length(), "epoch-".length() + 3))).toList();
    }
}
