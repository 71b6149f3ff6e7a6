package org.neurite.launcher.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.neurite.engine.train.TrainingDivergedException;
import org.neurite.launcher.config.RunConfig;

/** Runs that end before their last epoch: a diverging loss, zero errors reached, early stopping. */
class TrainingRunEndTest extends TrainingRunFixture {

    @Test
    void aDivergingLossEndsTheRunWithTheTrainersMessageCountedOverTheRun() throws IOException {
        // a rate that grows a million-fold every step overflows the weights within a few steps
        RunConfig config = config(BLOBS, "optimizer={name: sgd, lr: 0.1, schedule: {type: exponential, gamma: 1.0e6}}",
                "training.epochs=3", "training.divergence_factor=0");

        assertThatThrownBy(() -> run().start(config, dir.resolve("runs")))
                .isInstanceOfSatisfying(TrainingDivergedException.class, e -> {
                    assertThat(e.getMessage()).startsWith("training diverged: the loss is ")
                            .matches("(?s).* at epoch \\d, step \\d+ \\(batch \\d of 5\\).*");
                    int batch = Integer.parseInt(e.getMessage().replaceAll("(?s).*\\(batch (\\d) of 5\\).*", "$1"));
                    assertThat(e.step()).isEqualTo((e.epoch() - 1) * 5L + batch);
                    assertThat(e.epoch()).isGreaterThan(1);
                });
    }

    @Test
    void aLossThatExplodesWhileFiniteEndsTheRunNamingEpochStepAndAHint() throws IOException {
        // a rate that grows tenfold every step: the loss rises by orders of magnitude before it overflows
        RunConfig config = config(BLOBS, "optimizer={name: sgd, lr: 0.1, schedule: {type: exponential, gamma: 10}}",
                "training.epochs=3");

        assertThatThrownBy(() -> run().start(config, dir.resolve("runs")))
                .isInstanceOfSatisfying(TrainingDivergedException.class, e -> {
                    assertThat(e.getMessage()).matches("training diverged: the loss rose to \\S+ at epoch \\d, step \\d+"
                            + " \\(batch \\d of 5\\); its moving average \\S+ is more than 100 times its lowest, \\S+\\."
                            + " Try a lower learning rate or gradient clipping\\.");
                    assertThat(e.loss()).isFinite();
                });
    }

    @Test
    void stopAtZeroErrorsEndsWhenTheTrainingSetIsLearnt() throws IOException {
        String text = BLOBS.replace("checkpoint_every: 1}", "checkpoint_every: 1, stop_at_zero_errors: true}")
                .replace("epochs: 4", "epochs: 50");
        TrainingRun.Outcome outcome = run().start(config(text), dir.resolve("runs"));

        assertThat(outcome.history().stoppedEarly()).isTrue();
        assertThat(outcome.history().last().accuracy()).isEqualTo(1.0);
        assertThat(printed.toString()).contains("converged: no training sample misclassified in epoch "
                + outcome.history().last().epoch());
    }

    @Test
    void stopAtZeroErrorsSaysWhenTheLimitCameFirst() throws IOException {
        // a linear model cannot separate XOR
        String text = """
                data: {train: {format: synthetic, name: xor}}
                model: {input: [2], layers: [{type: dense, units: 2}]}
                loss: cross_entropy
                optimizer: {name: sgd, lr: 0.1}
                training: {epochs: 5, batch_size: 0, stop_at_zero_errors: true}
                """;
        TrainingRun.Outcome outcome = run().start(config(text), dir.resolve("runs"));

        assertThat(outcome.history().epochs()).hasSize(5);
        assertThat(printed.toString()).containsPattern(
                "did not converge: [1-4] of 4 training samples still misclassified after 5 epochs \\(the limit\\)");
    }

    @Test
    void earlyStoppingSavesTheBestEpochsWeightsAsTheModel() throws IOException {
        // a min_delta nothing can beat makes epoch 1 the best and stops after epoch 3
        RunConfig config = config(BLOBS, "training.epochs=6",
                "training.early_stopping={monitor: val_loss, patience: 2, min_delta: 100}",
                "training.checkpoint_every=0");
        TrainingRun.Outcome outcome = run().start(config, dir.resolve("runs"));
        RunFolder folder = outcome.folder();

        assertThat(outcome.history().epochs()).hasSize(3);
        assertThat(printed.toString()).contains("early stopping after epoch 3: the best was epoch 1")
                .contains("saved the weights of epoch 1, the best by val_loss");
        org.neurite.engine.nn.Model best = config.buildModel(COMPONENTS);
        org.neurite.engine.io.WeightsFile.load(folder.checkpoints().resolve("epoch-001.weights.safetensors"),
                best.parameters());
        org.neurite.engine.nn.Model saved = config.buildModel(COMPONENTS);
        org.neurite.engine.io.WeightsFile.load(folder.dir().resolve("model.safetensors"), saved.parameters());
        saved.parameters().forEach((name, p) -> assertThat(p.data()).as(name)
                .containsExactly(best.parameters().get(name).data()));
        try (Stream<Path> files = Files.list(folder.checkpoints())) {
            // checkpoints only where needed: the best epoch and the last
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".state.json")).sorted())
                    .containsExactly("epoch-001.state.json", "epoch-003.state.json");
        }
    }
}
