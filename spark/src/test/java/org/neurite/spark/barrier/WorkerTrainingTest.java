package org.neurite.spark.barrier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.neurite.engine.data.Dataset;
import org.neurite.engine.io.WeightsFile;
import org.neurite.engine.nn.Model;
import org.neurite.engine.registry.Components;
import org.neurite.engine.train.Trainer;
import org.neurite.spark.averaging.ParameterVector;
import org.neurite.spark.ring.LoopbackRing;
import org.neurite.spark.sync.LocalMicroBatches;

/** The two barrier modes between threads of one JVM, without Spark. */
class WorkerTrainingTest {

    private static final MlpRecipe RUN = new MlpRecipe(20, List.of(16), 4, 96, 2, 16, 5, null);

    @Test
    void gradientAllReduceKeepsEveryWorkerOnOneModelCloseToOneMachine() throws Exception {
        List<WorkerResult> results = LoopbackRing.run(3, 1, ring -> WorkerTraining.run(RUN, BarrierMode.allReduce(), ring, 0));
        assertThat(results.get(1).weights()).isEqualTo(results.get(0).weights());
        assertThat(results.get(2).weights()).isEqualTo(results.get(0).weights());
        assertThat(results.get(0).steps()).isEqualTo(12);
        // the same batches and mathematics as one machine; only the order of the sums differs
        float[] ring = weights(results.get(0).weights());
        float[] alone = weights(oneMachine(RUN));
        for (int i = 0; i < alone.length; i++) {
            assertThat(ring[i]).as("weight %d", i).isCloseTo(alone[i], within(1e-4f));
        }
        assertThat(results.get(0).losses()[0]).isCloseTo(oneMachineLosses(RUN)[0], within(1e-5));
    }

    @Test
    void gradientAllReduceOnTwoWorkersIsTheSynchronousModeWithMicroBatchesOfHalfTheBatchBitForBit() throws Exception {
        List<WorkerResult> results = LoopbackRing.run(2, 4, ring -> WorkerTraining.run(RUN, BarrierMode.allReduce(), ring, 0));
        Model model = RUN.model();
        Dataset data = RUN.trainingData();
        LocalMicroBatches halves = LocalMicroBatches.of(model, Map.entry("cross_entropy", Map.of()), data,
                Components.builtIns(), RUN.batchSize() / 2);
        RUN.configure(Trainer.builder(model, RUN.loss(), RUN.optimizer(model))).seed(RUN.seed()).stepGradients(halves)
                .build().fit(data);
        assertThat(results.get(0).weights()).isEqualTo(WeightsFile.bytes(model.parameters()));
    }

    @Test
    void localSgdOnOneWorkerIsTheSingleMachineRunBitForBit() throws Exception {
        List<WorkerResult> results = LoopbackRing.run(1, 2, ring -> WorkerTraining.run(RUN, BarrierMode.localSgd(3), ring, 0));
        assertThat(results.get(0).weights()).isEqualTo(oneMachine(RUN));
    }

    @Test
    void localSgdEndsWithOneModelOnEveryWorker() throws Exception {
        List<WorkerResult> results = LoopbackRing.run(3, 3, ring -> WorkerTraining.run(RUN, BarrierMode.localSgd(3), ring, 0));
        assertThat(results.get(1).weights()).isEqualTo(results.get(0).weights());
        assertThat(results.get(2).weights()).isEqualTo(results.get(0).weights());
        // each worker trains on a third of the data: 32 samples, 2 batches of 16 per epoch
        assertThat(results.get(0).steps()).isEqualTo(4);
        assertThat(results.get(0).weights()).isNotEqualTo(oneMachine(RUN));
    }

    @Test
    void workerZeroMeasuresTheValidationDataAndSendsCheckpointsOfTheRunFolderFormat() throws Exception {
        TrainingRecipe recipe = new CheckedRecipe(RUN, new CheckpointPlan(1, 0), null);
        List<WorkerResult> results = LoopbackRing.run(2, 1, ring -> WorkerTraining.run(recipe, BarrierMode.allReduce(), ring, 0));
        WorkerResult first = results.get(0);

        assertThat(first.epochs()).hasSize(2).allSatisfy(e -> assertThat(e.validationLoss()).isFinite());
        assertThat(results.get(1).epochs()).allSatisfy(e -> assertThat(e.validationLoss()).isNaN());
        assertThat(first.checkpoints()).containsOnlyKeys("epoch-001.optimizer.safetensors", "epoch-001.state.json",
                "epoch-001.weights.safetensors", "epoch-002.optimizer.safetensors", "epoch-002.state.json",
                "epoch-002.weights.safetensors");
        assertThat(results.get(1).checkpoints()).isEmpty();
        // the last checkpoint holds the run's final weights
        assertThat(weights(first.checkpoints().get("epoch-002.weights.safetensors"))).isEqualTo(weights(first.weights()));
        // one machine measures the same validation after each epoch, to rounding of the summed gradients
        Model model = RUN.model();
        var alone = RUN.configure(Trainer.builder(model, RUN.loss(), RUN.optimizer(model))).seed(RUN.seed()).build()
                .fit(RUN.trainingData(), recipe.validationData());
        assertThat(first.epochs().get(1).validationLoss()).isCloseTo(alone.last().validationLoss(), within(1e-4));
    }

    @Test
    void localSgdNeedsAtLeastOneStepBetweenAveragings() {
        assertThatThrownBy(() -> BarrierMode.localSgd(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("average_every: parameter averaging needs at least 1 step between two averagings, got 0");
    }

    @Test
    void moreWorkersThanSamplesIsRefused() {
        Dataset three = new MlpRecipe(4, List.of(), 2, 3, 1, 2, 0, null).trainingData();
        assertThatThrownBy(() -> WorkerTraining.share(three, 0, 4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("local SGD: 4 workers but only 3 training samples; use at most 3 workers");
    }

    static byte[] oneMachine(TrainingRecipe recipe) {
        Model model = recipe.model();
        recipe.configure(Trainer.builder(model, recipe.loss(), recipe.optimizer(model))).seed(recipe.seed()).build()
                .fit(recipe.trainingData());
        return WeightsFile.bytes(model.parameters());
    }

    static double[] oneMachineLosses(TrainingRecipe recipe) {
        Model model = recipe.model();
        return recipe.configure(Trainer.builder(model, recipe.loss(), recipe.optimizer(model))).seed(recipe.seed())
                .build().fit(recipe.trainingData()).losses();
    }

    static float[] weights(byte[] safetensors) {
        Model model = RUN.model();
        WeightsFile.load(safetensors, "weights", model.parameters());
        return ParameterVector.gather(model.parameters(), null);
    }
}
