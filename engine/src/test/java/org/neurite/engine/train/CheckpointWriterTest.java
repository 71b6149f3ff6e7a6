package org.neurite.engine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.api.Tensor;
import org.neurite.engine.io.OptimizerStateFile;
import org.neurite.engine.io.WeightsFile;
import org.neurite.engine.train.TrainingFakes.GradientDescent;
import org.neurite.engine.train.TrainingFakes.LinearRegression;
import org.neurite.engine.train.TrainingFakes.MeanSquaredError;

class CheckpointWriterTest {

    @TempDir
    Path folder;

    @Test
    void savesWeightsAndOptimizerStateEveryNEpochsAndAfterTheLast() throws IOException {
        LinearRegression model = new LinearRegression(2);
        GradientDescent sgd = new GradientDescent(0.1);
        CheckpointWriter checkpoints = new CheckpointWriter(folder.resolve("run"), 2);
        Tensor[] data = TrainingFakes.linearData(40, 1);

        Trainer.builder(model, new MeanSquaredError(), sgd).epochs(5).batchSize(10).listener(checkpoints).build()
                .fit(data[0], data[1]);

        try (Stream<Path> files = Files.list(folder.resolve("run"))) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted()).containsExactly(
                    "epoch-002.optimizer.safetensors", "epoch-002.state.json", "epoch-002.weights.safetensors",
                    "epoch-004.optimizer.safetensors", "epoch-004.state.json", "epoch-004.weights.safetensors",
                    "epoch-005.optimizer.safetensors", "epoch-005.state.json", "epoch-005.weights.safetensors");
        }
        assertThat(checkpoints.lastSaved()).isEqualTo(5);

        LinearRegression restored = new LinearRegression(2);
        GradientDescent restoredSgd = new GradientDescent(0.1);
        Map<String, String> metadata = WeightsFile.load(checkpoints.weightsFile(5), restored.parameters());
        OptimizerStateFile.load(checkpoints.optimizerFile(5), restoredSgd);

        assertThat(restored.weight.data()).containsExactly(model.weight.data());
        assertThat(restored.bias.data()).containsExactly(model.bias.data());
        assertThat(restoredSgd.steps).isEqualTo(20);
        assertThat(metadata).containsEntry("epoch", "5").containsKey("loss");
    }

    @Test
    void anEarlierCheckpointHoldsTheWeightsOfItsEpoch() throws IOException {
        LinearRegression model = new LinearRegression(2);
        Tensor[] data = TrainingFakes.linearData(40, 1);
        float[][] weightsAfterEpoch = new float[4][];
        CheckpointWriter checkpoints = new CheckpointWriter(folder, 1);
        Trainer.builder(model, new MeanSquaredError(), new GradientDescent(0.1)).epochs(3).batchSize(10)
                .listener(checkpoints)
                .listener(new TrainingListener() {
                    @Override
                    public void onEpochEnd(Trainer trainer, EpochResult result) {
                        weightsAfterEpoch[result.epoch()] = model.weight.data().clone();
                    }
                })
                .build().fit(data[0], data[1]);

        LinearRegression restored = new LinearRegression(2);
        WeightsFile.load(checkpoints.weightsFile(2), restored.parameters());

        assertThat(restored.weight.data()).containsExactly(weightsAfterEpoch[2]);
        assertThat(restored.weight.data()).isNotEqualTo(weightsAfterEpoch[3]);
    }

    @Test
    void whatMustNotLagACheckpointIsWrittenBeforeItsStateAndOldOnesArePruned() throws IOException {
        Path run = folder.resolve("run");
        List<String> seen = new ArrayList<>();
        CheckpointWriter checkpoints = new CheckpointWriter(run, 1).keepLast(2);
        checkpoints.beforeSave(() -> seen.add(checkpoints.lastSaved() + "->" + Files.exists(checkpoints.stateFile(
                checkpoints.lastSaved() + 1))));
        Tensor[] data = TrainingFakes.linearData(40, 1);

        Trainer.builder(new LinearRegression(2), new MeanSquaredError(), new GradientDescent(0.1)).epochs(4)
                .batchSize(10).listener(checkpoints).build().fit(data[0], data[1]);

        // before each epoch's state file exists; at the end once more, before the last state is rewritten
        assertThat(seen).containsExactly("0->false", "1->false", "2->false", "3->false", "4->false");
        assertThat(Checkpoint.savedEpochs(run)).containsExactlyInAnyOrder(3, 4);
        Checkpoint latest = Checkpoint.latest(run).orElseThrow();
        assertThat(latest.state().epoch()).isEqualTo(4);
        assertThat(latest.state().steps()).isEqualTo(16);
        assertThat(latest.state().history()).hasSize(4);
    }

    @Test
    void namesTheFileItCannotWrite() throws IOException {
        Path blocked = folder.resolve("blocked");
        Files.writeString(blocked, "a file where the folder should be");
        Tensor[] data = TrainingFakes.linearData(10, 1);
        Trainer trainer = Trainer.builder(new LinearRegression(2), new MeanSquaredError(), new GradientDescent(0.1))
                .listener(new CheckpointWriter(blocked, 1)).build();

        assertThatThrownBy(() -> trainer.fit(data[0], data[1]))
                .hasMessageStartingWith("checkpoint of epoch 1: cannot write " + blocked.resolve("epoch-001.optimizer.safetensors"));
        assertThatThrownBy(() -> new CheckpointWriter(folder, 0))
                .hasMessage("checkpoints: the interval must be at least 1 epoch, got 0");
    }
}
