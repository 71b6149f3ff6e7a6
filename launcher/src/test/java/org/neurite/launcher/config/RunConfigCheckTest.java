package org.neurite.launcher.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.engine.optim.clip.GlobalNormClipper;
import org.neurite.engine.optim.clip.ValueClipper;
import org.neurite.engine.registry.Components;

class RunConfigCheckTest {

    private static final Components COMPONENTS = Components.builtIns();

    @TempDir
    Path dir;

    /** A valid config; line 10 holds the second layer, line 12 the third. */
    private static final String VALID = """
            name: demo
            seed: 3
            data:
              train: {format: synthetic, name: blobs, samples: 30, classes: 3}
              validation: {split: 0.2}
              test: {format: synthetic, name: blobs, samples: 12, classes: 3}
            model:
              input: [2]
              layers:
                - {type: dense, units: 8, activation: relu}
                - type: dense
                  units: 3
            loss: cross_entropy
            optimizer: {name: adam, lr: 0.01, schedule: {type: cosine, warmup_steps: 2}, clip_norm: 1.0}
            training: {epochs: 4, batch_size: 8, early_stopping: {patience: 2}, checkpoint_every: 2}
            """;

    private RunConfig load(String text, String... overrides) throws IOException {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, text);
        return RunConfig.load(file, List.of(overrides), COMPONENTS);
    }

    private List<String> errors(String text, String... overrides) {
        try {
            load(text, overrides);
        } catch (ConfigException e) {
            return e.errors().stream().map(ConfigError::toString).toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("the config was accepted");
    }

    private String file() {
        return dir.resolve("config.yaml").toString();
    }

    @Test
    void aValidConfigIsReadIntoItsParts() throws IOException {
        RunConfig c = load(VALID);

        assertThat(c.name()).isEqualTo("demo");
        assertThat(c.seed()).isEqualTo(3);
        SourceConfig.Provided train = (SourceConfig.Provided) c.train();
        assertThat(train.path()).isEqualTo("data.train");
        assertThat(train.format()).isEqualTo("synthetic");
        assertThat(train.source().read().toString()).isEqualTo("SampleSet[30 samples from synthetic blobs, inputs"
                + " input[2], targets [] values]");
        assertThat(c.validation()).isEqualTo(new SourceConfig.Split("data.validation", 0.2, 3));
        assertThat(c.loss().name()).isEqualTo("cross_entropy");
        assertThat(c.optimizer().name()).isEqualTo("adam");
        assertThat(c.createClipper(COMPONENTS)).isEqualTo(new GlobalNormClipper(1.0));
        assertThat(c.optimizer().options().keys()).containsExactly("lr");
        assertThat(c.training()).isEqualTo(new TrainingConfig(4, 8,
                new TrainingConfig.EarlyStoppingConfig("val_loss", 2, 0.0, true), 2, false, true, 100.0,
                new TrainingConfig.CheckpointConfig(0, false, "val_loss"), null));
        assertThat(c.buildModel(COMPONENTS).outputShape().dims()).containsExactly(3);
    }

    @Test
    void anUnknownKeySuggestsTheClosestName() {
        assertThat(errors(VALID.replace("epochs: 4", "epocs: 4")))
                .containsExactly(file() + ":15: training.epocs: unknown option (did you mean 'epochs'?); known options:"
                        + " epochs, batch_size, shuffle, divergence_factor, early_stopping, checkpoint_every, checkpoint,"
                        + " stop_at_zero_errors, augment");
        assertThat(errors(VALID.replace("seed: 3", "sead: 3")))
                .containsExactly(file() + ":2: sead: unknown option (did you mean 'seed'?); known options:"
                        + " name, seed, data, model, loss, optimizer, training, spark");
    }

    @Test
    void aWrongTypeNamesTheKeyPathAndLine() {
        assertThat(errors(VALID.replace("units: 3", "units: \"abc\"")))
                .containsExactly(file() + ":12: model.layers[1].units: expected a whole number, got \"abc\"");
    }

    @Test
    void anUnknownLayerTypeSuggestsTheClosest() {
        assertThat(errors(VALID.replace("- type: dense", "- type: dens")))
                .singleElement().asString()
                .startsWith(file() + ":11: model.layers[1].type: unknown layer type 'dens' (did you mean 'dense'?); known:");
    }

    @Test
    void aShapeMismatchNamesTheLayer() {
        String text = VALID.replace("- type: dense\n      units: 3", "- {type: reshape, shape: [3, 3]}");

        assertThat(errors(text)).singleElement().asString()
                .startsWith(file() + ":11: model.layers[1] (reshape): expects ")
                .contains("[8]");
    }

    @Test
    void aMissingDataFileIsNamed() {
        String text = VALID.replace("{format: synthetic, name: blobs, samples: 12, classes: 3}",
                "{format: idx, images: test-images.gz, labels: test-labels.gz}");

        assertThat(errors(text)).containsExactly(
                file() + ":6: data.test.images: no such file: " + dir.resolve("test-images.gz"));
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        String text = VALID.replace("name: blobs, samples: 30", "name: blob, samples: 30")
                .replace("loss: cross_entropy", "loss: cross_entropi")
                .replace("lr: 0.01", "lr: -1")
                .replace("batch_size: 8", "batch_size: -8");

        assertThat(errors(text)).containsExactly(
                file() + ":4: data.train.name: unknown value \"blob\" (did you mean 'blobs'?); expected one of"
                        + " xor, and, or, nand, not, spirals, blobs, masked_majority",
                file() + ":13: loss: unknown loss 'cross_entropi' (did you mean 'cross_entropy'?); known:"
                        + " binary_cross_entropy, binary_cross_entropy_with_logits, cross_entropy, hinge, huber, mae,"
                        + " mse, nll",
                file() + ":14: optimizer.lr: must be a finite number > 0, got -1.0",
                file() + ":15: training.batch_size: expected 0 or more, got -8");
    }

    @Test
    void overridesAreCheckedAtTheirSet() {
        assertThat(errors(VALID, "model.layers[1].units=abc"))
                .containsExactly("--set model.layers[1].units=abc: model.layers[1].units: expected a whole number,"
                        + " got \"abc\"");
    }

    @Test
    void earlyStoppingNeedsValidationData() {
        assertThat(errors(VALID.replace("  validation: {split: 0.2}\n", "")))
                .containsExactly(file() + ":14: training.early_stopping: monitors val_loss, but data has no validation"
                        + " source (add data.validation, such as {split: 0.1})");
    }

    @Test
    void augmentationIsReadInItsOrder() throws IOException {
        RunConfig c = load(VALID.replace("checkpoint_every: 2}", "checkpoint_every: 2,\n"
                + "  augment: {random_erasing: {probability: 0.25, value: 0.5}, random_crop: {padding: 2},"
                + " horizontal_flip: {}}}"));

        float[] images = new float[64];
        java.util.Arrays.fill(images, 1f);
        c.training().augmentation().apply(images, 4, org.neurite.api.Shape.of(1, 4, 4), new java.util.SplittableRandom(1));
        assertThat(images).contains(0f);
        assertThat(load(VALID).training().augmentation()).isNull();
    }

    @Test
    void augmentationProblemsNameTheirKeyPath() {
        String at = "checkpoint_every: 2}";
        assertThat(errors(VALID.replace(at, "checkpoint_every: 2, augment: {random_crop: {padding: 0}}}")))
                .containsExactly(file() + ":15: training.augment.random_crop.padding: expected at least 1, got 0");
        assertThat(errors(VALID.replace(at, "checkpoint_every: 2, augment: {horizontal_flip: {probability: 2}}}")))
                .singleElement().asString()
                .startsWith(file() + ":15: training.augment.horizontal_flip.probability: ");
        assertThat(errors(VALID.replace(at, "checkpoint_every: 2, augment: {random_erasing: {scale: [0.5, 0.1]}}}")))
                .containsExactly(file() + ":15: training.augment.random_erasing.scale: expected [min, max] with"
                        + " 0 < min <= max <= 1, got [0.5, 0.1]");
        assertThat(errors(VALID.replace(at, "checkpoint_every: 2, augment: {random_erasing: {ratio: [1]}}}")))
                .containsExactly(file() + ":15: training.augment.random_erasing.ratio: expected two finite numbers"
                        + " [min, max], got [1]");
        assertThat(errors(VALID.replace(at, "checkpoint_every: 2, augment: {flip: {}}}"))).singleElement().asString()
                .startsWith(file() + ":15: training.augment.flip: unknown option");
        assertThat(errors(VALID.replace(at, "checkpoint_every: 2, augment: {}}")))
                .containsExactly(file() + ":15: training.augment: names no augmentation; give one or more of"
                        + " random_crop, horizontal_flip, random_erasing (or leave augment out)");
    }

    @Test
    void requiredSectionsAreNamed() {
        assertThat(errors("seed: 1\n")).containsExactly(
                file() + ": data: is required but missing",
                file() + ": model: is required but missing",
                file() + ": loss: is required but missing",
                file() + ": optimizer: is required but missing (training.epochs is 10; give 0 to only measure the model"
                        + " as built)");
    }

    @Test
    void clippingAndSchedulesAreChosenByTypeAndCheckedBeforeTheRun() throws IOException {
        String clipByValue = VALID.replace("clip_norm: 1.0", "clip: {type: value, clip_value: 0.5}");
        assertThat(load(clipByValue).createClipper(COMPONENTS)).isEqualTo(new ValueClipper(0.5));
        assertThat(load(VALID.replace(", clip_norm: 1.0", "")).createClipper(COMPONENTS)).isNull();

        assertThat(errors(VALID.replace("clip_norm: 1.0", "clip: {type: valu, clip_value: 0.5}")))
                .containsExactly(file() + ":14: optimizer.clip.type: unknown gradient clipping method 'valu'"
                        + " (did you mean 'value'?); known: norm, value");
        assertThat(errors(VALID.replace("clip_norm: 1.0", "clip_norm: 1.0, clip: {type: value, clip_value: 0.5}")))
                .containsExactly(file() + ":14: optimizer.clip_norm: give either clip or clip_norm (short for"
                        + " clip: {type: norm, max_norm: ...}), not both");
        assertThat(errors(VALID.replace("type: cosine, warmup_steps: 2", "type: linear")))
                .containsExactly(file() + ":14: optimizer.schedule.type: unknown learning rate schedule 'linear';"
                        + " known: constant, cosine, exponential, reduce_on_plateau, step");
    }

    @Test
    void theSparkSectionIsReadWithItsDefaults() throws IOException {
        assertThat(load(VALID).spark()).isEqualTo(SparkConfig.DEFAULTS);
        assertThat(load(VALID + "spark: {mode: local_sgd, k: 4, partitions: 3, data: executors}\n").spark())
                .isEqualTo(new SparkConfig(SparkConfig.Mode.LOCAL_SGD, 4, 3, 32, SparkConfig.DataFrom.EXECUTORS));
    }

    @Test
    void sparkProblemsNameTheirKeyAndLine() {
        assertThat(errors(VALID + "spark: {mode: local_sgd, k: 0}\n"))
                .containsExactly(file() + ":16: spark.k: must be >= 1, got 0");
        assertThat(errors(VALID + "spark: {mode: ring}\n")).singleElement().asString()
                .startsWith(file() + ":16: spark.mode: ").contains("sync, all_reduce, local_sgd");
        assertThat(errors(VALID + "spark: {mode: all_reduce, k: 4}\n"))
                .containsExactly(file() + ":16: spark.k: only local_sgd averages every k steps, but the mode is all_reduce");
        assertThat(errors(VALID + "spark: {micro_batch: 8, data: executors}\n"))
                .containsExactly(file() + ":16: spark.data: the executors read the data themselves in all_reduce and"
                        + " local_sgd; sync sends it from the driver");
        assertThat(errors(VALID + "spark: {partition: 2}\n")).singleElement().asString()
                .startsWith(file() + ":16: spark.partition: ");
    }

    @Test
    void aRunWithoutEpochsNeedsNoOptimizer() throws IOException {
        RunConfig c = load(VALID.replace("optimizer: {name: adam, lr: 0.01, schedule: {type: cosine, warmup_steps: 2},"
                + " clip_norm: 1.0}\n", "").replace("early_stopping: {patience: 2}, ", ""), "training.epochs=0");

        assertThat(c.optimizer()).isNull();
        assertThat(c.createOptimizer(COMPONENTS)).isNull();
        assertThat(c.training().epochs()).isZero();
    }

    @Test
    void theResolvedConfigHasAbsoluteDataPaths() throws IOException {
        Files.writeString(dir.resolve("points.csv"), "x,y,label\n0,1,0\n1,0,1\n");
        RunConfig c = load(VALID.replace("{format: synthetic, name: blobs, samples: 30, classes: 3}",
                "{format: csv, path: points.csv, label: label}"), "training.epochs=7");

        assertThat(((SourceConfig.Provided) c.train()).files()).containsExactly(
                java.util.Map.entry("path", dir.resolve("points.csv")));
        assertThat(((SourceConfig.Provided) c.train()).source().read().size()).isEqualTo(2);
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> train = (java.util.Map<String, Object>) ((java.util.Map<String, Object>)
                c.resolved().get("data")).get("train");
        assertThat(train).containsEntry("path", dir.resolve("points.csv").toString());
        assertThat(((java.util.Map<?, ?>) c.resolved().get("training")).get("epochs")).isEqualTo(7);
    }

    /** A graph of two inputs on the masked_majority set; line 10 holds the merge. */
    private static final String GRAPH = """
            data:
              train: {format: synthetic, name: masked_majority, samples: 20, steps: 4}
            model:
              inputs:
                tokens: {shape: [4], dtype: int}
                mask: {shape: [4], dtype: bool}
              layers:
                - {name: embed, type: embedding, inputs: [tokens], vocabulary: 4, dim: 2}
                - {name: mask_steps, type: reshape, inputs: [mask], shape: [4, 1]}
                - {name: real, type: multiply, inputs: [embed, mask_steps]}
                - {name: flat, type: flatten}
                - {name: logits, type: dense, units: 2}
            loss: cross_entropy
            optimizer: adam
            """;

    @Test
    void aModelWithNamedInputsIsAGraph() throws IOException {
        RunConfig c = load(GRAPH);

        org.neurite.engine.nn.Model model = c.buildModel(COMPONENTS);

        assertThat(model).isInstanceOf(org.neurite.engine.nn.Graph.class);
        assertThat(model.inputShapes().keySet()).containsExactly("tokens", "mask");
        assertThat(model.outputShape().dims()).containsExactly(2);
    }

    @Test
    void graphProblemsAreReportedAtTheirLine() {
        assertThat(errors(GRAPH.replace("inputs: [embed, mask_steps]", "inputs: [embed, mask_step]")))
                .containsExactly(file() + ":10: model.layers[2].inputs[1]: unknown input 'mask_step' (did you mean"
                        + " 'mask_steps'?); known names: tokens, mask, embed, mask_steps, real, flat, logits");
        assertThat(errors(GRAPH.replace("shape: [4, 1]}", "shape: [2, 2]}")))
                .containsExactly(file() + ":10: model.layers[2] (multiply 'real'): input shapes [4, 2] and [2, 2] do"
                        + " not match: differ at axis 0 (4 and 2); each axis must be equal or 1 (inputs embed [4, 2],"
                        + " mask_steps [2, 2])");
    }

    @Test
    void sizesFromTheConfigAreCheckedBeforeAnythingOfThatSizeIsAllocated() {
        assertThat(errors(VALID.replace("units: 8,", "units: 2000000000,")))
                .singleElement().asString().startsWith(file() + ":10: model.layers[0]: parameter [2000000000, 2] has"
                        + " 4000000000 elements, more than one array holds");
        assertThat(errors(VALID.replace("samples: 30, classes: 3}", "samples: 2000000000, classes: 3}")))
                .containsExactly(file() + ":4: data.train.samples: a set of 2000000000 samples of 2 features has"
                        + " 6000000000 elements, more than one array holds (2147483639)");
        assertThat(errors(VALID.replace("name: demo", "name: " + "a".repeat(300))))
                .containsExactly(file() + ":1: name: expected at most 100 characters (it names the run's folder), got 300");
    }

    @Test
    void aBatchWhoseOutputsCannotFitTheHeapIsAConfigErrorAtTheBatchSize() {
        // full batches of 30000 samples: their outputs outgrow the heap while the weights stay small
        long units = Runtime.getRuntime().maxMemory() / Float.BYTES / 30_000 + 1000;
        List<String> errors = errors(VALID.replace("units: 8,", "units: " + units + ",")
                .replace("samples: 30,", "samples: 30000,").replace("batch_size: 8", "batch_size: 0"));

        assertThat(errors).singleElement().asString().startsWith(file() + ":15: training.batch_size: a batch of 30000"
                + " needs at least ").contains("the largest layers[0] (dense) [" + units + "] per sample",
                "more than the whole heap");
    }
}
