package org.neurite.launcher.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.engine.registry.Components;
import org.neurite.engine.train.TrainingDivergedException;
import org.neurite.launcher.config.ConfigException;
import org.neurite.launcher.config.RunConfig;

class TrainingRunTest {

    private static final Components COMPONENTS = Components.builtIns();

    /** Three separable blobs; Adam with a cosine schedule and clipping, minibatches that are shuffled. */
    static final String BLOBS = """
            name: blobs
            seed: 5
            data:
              train: {format: synthetic, name: blobs, samples: 48, classes: 3}
              validation: {split: 0.25}
              test: {format: synthetic, name: blobs, samples: 30, classes: 3}
            model:
              input: [2]
              layers:
                - {type: dense, units: 8, activation: tanh}
                - {type: dense, units: 3}
            loss: cross_entropy
            optimizer: {name: adam, lr: 0.05, schedule: {type: cosine, warmup_steps: 2}, clip_norm: 5.0}
            training: {epochs: 4, batch_size: 8, checkpoint_every: 1}
            """;

    @TempDir
    Path dir;

    private final StringWriter printed = new StringWriter();

    private RunConfig config(String text, String... overrides) throws IOException {
        Path file = dir.resolve("run.yaml");
        Files.writeString(file, text);
        return RunConfig.load(file, List.of(overrides), COMPONENTS);
    }

    private TrainingRun run() {
        return new TrainingRun(COMPONENTS, new PrintWriter(printed, true), false);
    }

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
    void resumingFromACheckpointGivesTheSameRunAsNoInterruption() throws IOException {
        RunConfig config = config(BLOBS);
        RunFolder whole = run().start(config, dir.resolve("a")).folder();

        RunFolder interrupted = interruptedAfterEpoch2(whole);
        Path copy = interrupted.dir();

        TrainingRun.Outcome resumed = run().resume(interrupted, RunConfig.load(interrupted.config(), List.of(), COMPONENTS));

        assertThat(Files.readAllBytes(copy.resolve("model.safetensors")))
                .isEqualTo(Files.readAllBytes(whole.dir().resolve("model.safetensors")));
        assertThat(withoutSeconds(Files.readAllLines(interrupted.metrics())))
                .isEqualTo(withoutSeconds(Files.readAllLines(whole.metrics())));
        assertThat(resumed.history().epochs()).hasSize(4);
        assertThat(Files.readString(interrupted.log())).contains("resumed after epoch 2");
    }

    /** The blobs as images [1, 1, 2] (two pixels side by side), flipped and shifted in training. */
    static final String AUGMENTED_BLOBS = BLOBS.replace("input: [2]", "input: [1, 1, 2]")
            .replace("layers:\n", "layers:\n    - {type: flatten}\n")
            .replace("checkpoint_every: 1}", "checkpoint_every: 1,\n"
                    + "  augment: {random_crop: {padding: 1}, horizontal_flip: {probability: 0.5}}}");

    @Test
    void aResumedRunAugmentsAsAnUninterruptedOne() throws IOException {
        RunFolder whole = run().start(config(AUGMENTED_BLOBS), dir.resolve("a")).folder();
        RunFolder plain = run().start(config(AUGMENTED_BLOBS.replaceAll(",\n  augment: \\{.*}}", "}")),
                dir.resolve("c")).folder();
        // the augmentation changed the training
        assertThat(Files.readAllBytes(whole.dir().resolve("model.safetensors")))
                .isNotEqualTo(Files.readAllBytes(plain.dir().resolve("model.safetensors")));

        RunFolder interrupted = interruptedAfterEpoch2(whole);
        run().resume(interrupted, RunConfig.load(interrupted.config(), List.of(), COMPONENTS));

        assertThat(Files.readAllBytes(interrupted.dir().resolve("model.safetensors")))
                .isEqualTo(Files.readAllBytes(whole.dir().resolve("model.safetensors")));
        assertThat(withoutSeconds(Files.readAllLines(interrupted.metrics())))
                .isEqualTo(withoutSeconds(Files.readAllLines(whole.metrics())));
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
    void aFinishedRunIsNotResumed() throws IOException {
        RunConfig config = config(BLOBS, "training.epochs=2");
        RunFolder folder = run().start(config, dir.resolve("runs")).folder();

        assertThatThrownBy(() -> run().resume(folder, RunConfig.load(folder.config(), List.of(), COMPONENTS)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("has finished its 2 epochs; to train on, raise them, such as --set training.epochs=12");
        // raising the epochs continues it
        TrainingRun.Outcome more = run().resume(folder, RunConfig.load(folder.config(), List.of("training.epochs=3"),
                COMPONENTS));
        assertThat(more.history().epochs()).extracting(r -> r.epoch()).containsExactly(1, 2, 3);
    }

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
    void resumingWithDropoutGivesBitIdenticalWeights() throws IOException {
        String dropout = BLOBS.replace("- {type: dense, units: 8, activation: tanh}",
                "- {type: dense, units: 16, activation: tanh}\n    - {type: dropout, rate: 0.5}");
        RunFolder whole = run().start(config(dropout), dir.resolve("a")).folder();
        Path copy = dir.resolve("b").resolve(whole.dir().getFileName());
        copyTree(whole.dir(), copy);
        deleteCheckpoints(copy, 3, 4);
        Files.delete(copy.resolve("model.json"));
        Files.delete(copy.resolve("model.safetensors"));
        RunFolder interrupted = RunFolder.of(copy);

        run().resume(interrupted, RunConfig.load(interrupted.config(), List.of(), COMPONENTS));

        assertThat(Files.readAllBytes(copy.resolve("model.safetensors")))
                .isEqualTo(Files.readAllBytes(whole.dir().resolve("model.safetensors")));
        assertThat(Files.readAllBytes(interrupted.checkpoints().resolve("epoch-004.weights.safetensors")))
                .isEqualTo(Files.readAllBytes(whole.checkpoints().resolve("epoch-004.weights.safetensors")));
    }

    @Test
    void aRunKilledAfterItsLastCheckpointIsFinishedOnResume() throws IOException {
        RunFolder whole = run().start(config(BLOBS), dir.resolve("a")).folder();
        // killed between the last checkpoint and the model file: no model, metrics a line behind, temp files left
        Path copy = dir.resolve("b").resolve(whole.dir().getFileName());
        copyTree(whole.dir(), copy);
        Files.delete(copy.resolve("model.json"));
        Files.delete(copy.resolve("model.safetensors"));
        List<String> metrics = Files.readAllLines(copy.resolve("metrics.csv"));
        Files.write(copy.resolve("metrics.csv"), metrics.subList(0, metrics.size() - 1));
        Files.writeString(copy.resolve(".model.json.4242.1.tmp"), "{\"format\": ");
        Files.writeString(copy.resolve("checkpoints/.epoch-005.state.json.4242.2.tmp"), "");
        RunFolder killed = RunFolder.of(copy);

        TrainingRun.Outcome finished = run().resume(killed, RunConfig.load(killed.config(), List.of(), COMPONENTS));

        assertThat(finished.history().epochs()).hasSize(4);
        assertThat(finished.test().accuracy()).isGreaterThan(0.9);
        assertThat(Files.readAllBytes(copy.resolve("model.safetensors")))
                .isEqualTo(Files.readAllBytes(whole.dir().resolve("model.safetensors")));
        assertThat(withoutSeconds(Files.readAllLines(killed.metrics())))
                .isEqualTo(withoutSeconds(Files.readAllLines(whole.metrics())));
        assertThat(Files.readString(killed.log())).contains("finishing after epoch 4: the model was not saved yet");
        try (Stream<Path> all = Files.walk(copy)) {
            assertThat(all.map(Path::toString)).noneMatch(p -> p.endsWith(".tmp"));
        }
        // now it is complete, and a further resume refuses
        assertThatThrownBy(() -> run().resume(killed, RunConfig.load(killed.config(), List.of(), COMPONENTS)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("has finished its 4 epochs");
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
    void withoutShufflingTheRunKeepsTheDataOrder() throws IOException {
        TrainingRun.Outcome inOrder = run().start(config(BLOBS, "training.shuffle=false"), dir.resolve("a"));
        TrainingRun.Outcome shuffled = run().start(config(BLOBS), dir.resolve("b"));

        assertThat(inOrder.history().losses()).isNotEqualTo(shuffled.history().losses());
        assertThat(Files.readString(inOrder.folder().config())).contains("shuffle: false");
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
    void aScheduleTakesItsLengthFromTheRunAlsoWhenTheEpochsChangeOnResume() throws IOException {
        // BLOBS: a cosine without total_steps, 36 samples in batches of 8 = 5 steps per epoch
        TrainingRun.Outcome two = run().start(config(BLOBS, "training.epochs=2"), dir.resolve("a"));
        TrainingRun.Outcome four = run().resume(two.folder(), RunConfig.load(two.folder().config(),
                List.of("training.epochs=4"), COMPONENTS));

        // the cosine nears zero at the end of the run, however long the run is (last step 9 of 10, 19 of 20)
        assertThat(two.history().last().learningRate()).isCloseTo(0.05 * 0.038, org.assertj.core.api.Assertions.within(1e-4));
        assertThat(four.history().epochs()).hasSize(4);
        assertThat(four.history().last().learningRate()).isCloseTo(0.05 * 0.0076, org.assertj.core.api.Assertions.within(1e-4));
        // stretched to 20 steps, epoch 3 ends a little after the middle of the cosine
        assertThat(four.history().epochs().get(2).learningRate()).isBetween(0.05 * 0.1, 0.05 * 0.5);
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

    private static void deleteCheckpoints(Path run, int... epochs) throws IOException {
        for (int epoch : epochs) {
            for (String part : List.of(".weights.safetensors", ".optimizer.safetensors", ".state.json")) {
                Files.delete(run.resolve("checkpoints").resolve(String.format("epoch-%03d%s", epoch, part)));
            }
        }
    }

    /** A copy of a finished 4-epoch run as if killed after epoch 2: later checkpoints and the model never written. */
    private RunFolder interruptedAfterEpoch2(RunFolder whole) throws IOException {
        Path copy = dir.resolve("b").resolve(whole.dir().getFileName());
        copyTree(whole.dir(), copy);
        for (String name : List.of("epoch-003", "epoch-004")) {
            for (String part : List.of(".weights.safetensors", ".optimizer.safetensors", ".state.json")) {
                Files.delete(copy.resolve("checkpoints").resolve(name + part));
            }
        }
        Files.delete(copy.resolve("model.json"));
        Files.delete(copy.resolve("model.safetensors"));
        return RunFolder.of(copy);
    }

    private static List<String> withoutSeconds(List<String> lines) {
        return lines.stream().map(l -> {
            String[] f = l.split(",", -1);
            f[5] = "";
            return String.join(",", f);
        }).toList();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
