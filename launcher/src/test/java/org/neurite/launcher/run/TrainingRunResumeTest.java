package org.neurite.launcher.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.neurite.engine.data.IdxTestImages;
import org.neurite.launcher.config.ConfigException;
import org.neurite.launcher.config.RunConfig;

/** {@link TrainingRun#resume}: a run continued from its last checkpoint ends as one never interrupted. */
class TrainingRunResumeTest extends TrainingRunFixture {

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
    void aResumedRunOnIdxImagesHeldAsBytesEndsAsAnUninterruptedOne() throws IOException {
        IdxTestImages.write(dir.resolve("images"), dir.resolve("labels"));
        String idx = AUGMENTED_BLOBS.replace("{format: synthetic, name: blobs, samples: 48, classes: 3}",
                        "{format: idx, images: images, labels: labels}")
                .replace("  test: {format: synthetic, name: blobs, samples: 30, classes: 3}\n", "")
                .replace("input: [1, 1, 2]", "input: [1, 4, 4]").replace("units: 3}", "units: 10}");
        RunFolder whole = run().start(config(idx), dir.resolve("a")).folder();
        RunFolder interrupted = interruptedAfterEpoch2(whole);

        run().resume(interrupted, RunConfig.load(interrupted.config(), List.of(), COMPONENTS));

        assertThat(Files.readAllBytes(interrupted.dir().resolve("model.safetensors")))
                .isEqualTo(Files.readAllBytes(whole.dir().resolve("model.safetensors")));
        assertThat(withoutSeconds(Files.readAllLines(interrupted.metrics())))
                .isEqualTo(withoutSeconds(Files.readAllLines(whole.metrics())));
    }

    @Test
    void resumingWithDropoutGivesBitIdenticalWeights() throws IOException {
        String dropout = BLOBS.replace("- {type: dense, units: 8, activation: tanh}",
                "- {type: dense, units: 16, activation: tanh}\n    - {type: dropout, rate: 0.5}");
        RunFolder whole = run().start(config(dropout), dir.resolve("a")).folder();
        RunFolder interrupted = interruptedAfterEpoch2(whole);
        Path copy = interrupted.dir();

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
    void aFinishedRunIsNotResumed() throws IOException {
        RunConfig config = config(BLOBS, "training.epochs=1");
        RunFolder folder = run().start(config, dir.resolve("runs")).folder();

        assertThatThrownBy(() -> run().resume(folder, RunConfig.load(folder.config(), List.of(), COMPONENTS)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("has finished its 1 epoch; to train on, raise them, such as --set training.epochs=11");
        // raising the epochs continues it
        TrainingRun.Outcome more = run().resume(folder, RunConfig.load(folder.config(), List.of("training.epochs=3"),
                COMPONENTS));
        assertThat(more.history().epochs()).extracting(r -> r.epoch()).containsExactly(1, 2, 3);
        assertThatThrownBy(() -> run().resume(folder, RunConfig.load(folder.config(), List.of(), COMPONENTS)))
                .hasMessageContaining("has finished its 3 epochs; to train on, raise them, such as --set training.epochs=13");
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
}
