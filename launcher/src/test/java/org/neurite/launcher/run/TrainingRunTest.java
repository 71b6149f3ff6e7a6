package org.neurite.launcher.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.neurite.launcher.config.ConfigException;
import org.neurite.launcher.config.RunConfig;

/** A run from a config: the files of its run folder and what the config's training settings do. */
class TrainingRunTest extends TrainingRunFixture {

    @Test
    void aShortRunWritesEveryFileOfTheRunFolder() throws IOException {
        TrainingRun.Outcome outcome = run().start(config(BLOBS), dir.resolve("runs"));
        RunFolder f = outcome.folder();

        assertThat(f.dir().getParent()).isEqualTo(dir.resolve("runs"));
        assertThat(f.dir().getFileName().toString()).matches("blobs-\\d{8}-\\d{6}");
        assertThat(Files.readString(f.config())).contains("name: blobs").contains("split: 0.25");
        List<String> metrics = Files.readAllLines(f.metrics());
        assertThat(metrics).hasSize(6);
        assertThat(metrics.get(0)).isEqualTo("epoch,loss,accuracy,val_loss,val_accuracy,seconds,lr");
        assertThat(metrics.get(4).split(",", -1)).hasSize(7).allSatisfy(v -> assertThat(v).isNotEmpty());
        assertThat(metrics.get(5)).startsWith("test,").endsWith(",,,,");
        assertThat(Files.readString(f.model())).contains("\"format\": \"neurite-model\"").contains("\"loss\": \"cross_entropy\"");
        assertThat(f.dir().resolve("model.safetensors")).isRegularFile();
        try (Stream<Path> files = Files.list(f.checkpoints())) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted()).hasSize(12)
                    .contains("epoch-004.weights.safetensors", "epoch-004.optimizer.safetensors", "epoch-004.state.json");
        }
        byte[] png = Files.readAllBytes(f.curves());
        assertThat(Arrays.copyOf(png, 4)).containsExactly(0x89, 'P', 'N', 'G');
        String log = Files.readString(f.log());
        assertThat(log).contains("started blobs").contains("epoch 4/4").contains("test accuracy").contains("run folder");
        // no temporary file is left behind
        try (Stream<Path> all = Files.walk(f.dir())) {
            assertThat(all.map(Path::toString)).noneMatch(p -> p.endsWith(".tmp"));
        }

        assertThat(outcome.history().epochs()).hasSize(4);
        assertThat(outcome.test().accuracy()).isGreaterThan(0.9);
        assertThat(printed.toString()).contains("epoch 1/4").contains("test accuracy ")
                .contains("run folder: " + f.dir());
    }

    @Test
    void withoutEpochsTheModelIsOnlyMeasured() throws IOException {
        String text = """
                data: {train: {format: synthetic, name: and}, test: {format: synthetic, name: and}}
                model: {input: [2], layers: [{type: dense, units: 2}]}
                loss: cross_entropy
                training: {epochs: 0}
                """;
        TrainingRun.Outcome outcome = run().start(config(text), dir.resolve("runs"));

        assertThat(outcome.history().epochs()).isEmpty();
        assertThat(outcome.test().samples()).isEqualTo(4);
        assertThat(Files.readAllLines(outcome.folder().metrics())).hasSize(2).first().isEqualTo(MetricsCsv.HEADER);
        assertThat(outcome.folder().model()).isRegularFile();
        assertThat(printed.toString()).contains("training.epochs is 0: nothing is trained").contains("test accuracy");
    }

    @Test
    void withoutShufflingTheRunKeepsTheDataOrder() throws IOException {
        TrainingRun.Outcome inOrder = run().start(config(BLOBS, "training.shuffle=false"), dir.resolve("a"));
        TrainingRun.Outcome shuffled = run().start(config(BLOBS), dir.resolve("b"));

        assertThat(inOrder.history().losses()).isNotEqualTo(shuffled.history().losses());
        assertThat(Files.readString(inOrder.folder().config())).contains("shuffle: false");
    }

    @Test
    void augmentingAModelWhoseInputIsNotAnImageIsAConfigError() throws IOException {
        String text = BLOBS.replace("checkpoint_every: 1}", "checkpoint_every: 1, augment: {horizontal_flip: {}}}");
        assertThatThrownBy(() -> run().start(config(text), dir.resolve("runs")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("augments images [channels, height, width], but the model's input is [2]");
        assertThat(dir.resolve("runs")).doesNotExist();
    }

    @Test
    void aLossThatDoesNotFitTheTargetsIsAConfigErrorBeforeTheRunFolder() throws IOException {
        String text = BLOBS.replace("loss: cross_entropy", "loss: mse");
        assertThatThrownBy(() -> run().start(config(text), dir.resolve("runs")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("run.yaml:12: mse: prediction [2, 3] and target [2] do not fit")
                .hasMessageContaining("the loss does not fit the model's output and the training targets");
        assertThat(dir.resolve("runs")).doesNotExist();
    }

    @Test
    void keepLastDeletesOlderCheckpointsButNotTheBest() throws IOException {
        RunConfig config = config(BLOBS, "training.epochs=5",
                "training.early_stopping={monitor: val_loss, patience: 9, min_delta: 100}",
                "training.checkpoint={keep_last: 2}");
        RunFolder folder = run().start(config, dir.resolve("runs")).folder();

        try (Stream<Path> files = Files.list(folder.checkpoints())) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted()).containsExactly(
                    "epoch-001.optimizer.safetensors", "epoch-001.state.json", "epoch-001.weights.safetensors",
                    "epoch-004.optimizer.safetensors", "epoch-004.state.json", "epoch-004.weights.safetensors",
                    "epoch-005.optimizer.safetensors", "epoch-005.state.json", "epoch-005.weights.safetensors");
        }
    }

    @Test
    void reduceOnPlateauLowersTheRateWhenTheValidationLossStalls() throws IOException {
        // patience 0 with a threshold nothing meets: every epoch after the first halves the rate
        RunConfig config = config(BLOBS, "optimizer={name: adam, lr: 0.05, schedule: {type: reduce_on_plateau,"
                + " factor: 0.5, patience: 0, threshold: 0.99}}");

        TrainingRun.Outcome outcome = run().start(config, dir.resolve("runs"));

        assertThat(outcome.history().epochs()).extracting(r -> r.learningRate())
                .containsExactly(0.05, 0.05, 0.025, 0.0125);
    }
}
