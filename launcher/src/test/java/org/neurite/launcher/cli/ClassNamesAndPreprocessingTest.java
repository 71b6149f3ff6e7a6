package org.neurite.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.engine.io.Json;

/**
 * What {@code train} saves with a model for prediction, and how {@code predict} and
 * {@code evaluate} use it: class names from the config or from a CSV's string labels, the
 * source's scale and the normalisation computed from the training data; image files.
 */
class ClassNamesAndPreprocessingTest {

    @TempDir
    Path dir;

    /** Dark (class 0) and bright (class 1) 6x6 grey images, with noise. */
    private static final String IMAGES = """
            name: light
            seed: 1
            data:
              classes: [dark, bright]
              normalize: global
              train: {format: idx, images: train-images, labels: train-labels}
              test: {format: idx, images: test-images, labels: test-labels}
            model:
              input: [6, 6]
              layers:
                - {type: flatten}
                - {type: dense, units: 2}
            loss: cross_entropy
            optimizer: {name: adam, lr: 0.05}
            training: {epochs: 5, batch_size: 16, checkpoint_every: 0}
            """;

    private static final String PETS = """
            name: pets
            data:
              normalize: per_feature
              train: {format: csv, path: train.csv}
              test: {format: csv, path: test.csv}
            model:
              input: [2]
              layers:
                - {type: dense, units: 16, activation: tanh}
                - {type: dense, units: 3}
            loss: cross_entropy
            optimizer: {name: adam, lr: 0.05}
            training: {epochs: 30, batch_size: 16, checkpoint_every: 0}
            """;

    private Path train(String config) throws IOException {
        Path file = dir.resolve("run.yaml");
        Files.writeString(file, config);
        CommandRunner r = new CommandRunner(new TrainCommand(), file.toString(), "--out", dir.resolve("runs").toString());
        assertThat(r.exitCode).as(r.err() + r.out()).isZero();
        try (Stream<Path> runs = Files.list(dir.resolve("runs"))) {
            return runs.findFirst().orElseThrow();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> modelJson(Path run) throws IOException {
        return (Map<String, Object>) Json.read(run.resolve("model.json"));
    }

    @Test
    void configuredClassNamesAndTheNormalisationTravelWithTheModelToPredictionOfImages() throws IOException {
        writeIdx("train", 64, 6, 6, new SplittableRandom(0));
        writeIdx("test", 16, 6, 6, new SplittableRandom(1));
        Path run = train(IMAGES);

        Map<String, Object> json = modelJson(run);
        assertThat(json.get("class_names")).isEqualTo(List.of("dark", "bright"));
        Map<String, Object> pre = (Map<String, Object>) json.get("preprocessing");
        assertThat(pre.get("scale")).isEqualTo(255.0);
        assertThat((List<Object>) pre.get("mean")).hasSize(1);
        assertThat((List<Object>) pre.get("std")).hasSize(1);

        Path dark = png("dark.png", 6, 6, 20);
        Path bright = png("bright.png", 6, 6, 230);
        CommandRunner predict = new CommandRunner(new PredictCommand(), run.toString(), dark.toString(),
                bright.toString());
        assertThat(predict.exitCode).as(predict.err()).isZero();
        List<String> lines = predict.out().lines().toList();
        assertThat(lines.get(0).trim().split("\\s+")).containsExactly("file", "class", "p(dark)", "p(bright)");
        assertThat(lines.get(1)).startsWith(dark.toString()).contains(" dark ");
        assertThat(lines.get(2)).startsWith(bright.toString()).contains(" bright ");

        CommandRunner evaluate = new CommandRunner(new EvaluateCommand(), run.toString());
        assertThat(evaluate.exitCode).as(evaluate.err()).isZero();
        assertThat(evaluate.out()).contains("accuracy 1.0000 (16 of 16)").containsPattern("\\n\\s+0  dark\\s+1\\.0000")
                .containsPattern("\\n\\s+1  bright\\s+1\\.0000");
    }

    @Test
    void anImageOfTheWrongSizeIsNamedWithBothSizes() throws IOException {
        writeIdx("train", 32, 6, 6, new SplittableRandom(0));
        writeIdx("test", 8, 6, 6, new SplittableRandom(1));
        Path run = train(IMAGES);
        Path big = png("big.png", 8, 7, 100);

        CommandRunner r = new CommandRunner(new PredictCommand(), run.toString(), big.toString());

        assertThat(r.exitCode).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err().trim()).isEqualTo(big + ": the image is 8x7 pixels (width x height), but the model takes 6x6"
                + " images (input [6, 6]) and its pre-processing does not resize; resize the image first");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aCsvOfStringLabelsNamesTheClassesAndATestFileWithFewerIsNumberedAlike() throws IOException {
        SplittableRandom random = new SplittableRandom(3);
        String[] kinds = {"dog", "bird", "cat"};
        StringBuilder train = new StringBuilder("weight,height,kind\n");
        for (int i = 0; i < 90; i++) {
            int k = i % 3;
            train.append(100 * k + random.nextDouble() * 10).append(',').append(1000 - 300 * k + random.nextDouble() * 30)
                    .append(',').append(kinds[k]).append('\n');
        }
        Files.writeString(dir.resolve("train.csv"), train);
        // only cat (k = 2) and dog (k = 0), in that order: its own sorted names would be [cat, dog]
        Files.writeString(dir.resolve("test.csv"), "weight,height,kind\n205,405,cat\n3,1010,dog\n207,410,cat\n");
        Path run = train(PETS);

        Map<String, Object> json = modelJson(run);
        assertThat(json.get("class_names")).isEqualTo(List.of("bird", "cat", "dog"));
        assertThat((Map<String, Object>) json.get("preprocessing")).containsKeys("mean", "std");

        CommandRunner evaluate = new CommandRunner(new EvaluateCommand(), run.toString());
        assertThat(evaluate.exitCode).as(evaluate.err()).isZero();
        assertThat(evaluate.out()).contains("accuracy 1.0000 (3 of 3)");

        Path rows = Files.writeString(dir.resolve("rows.csv"), "5,1000\n105,705\n");
        CommandRunner predict = new CommandRunner(new PredictCommand(), run.toString(), rows.toString());
        assertThat(predict.exitCode).as(predict.err()).isZero();
        assertThat(predict.out().lines().skip(1).map(l -> l.trim().split("\\s+")[1])).containsExactly("dog", "bird");
    }

    @Test
    void classNamesThatDoNotFitTheModelAreAConfigError() throws IOException {
        writeIdx("train", 8, 6, 6, new SplittableRandom(0));
        writeIdx("test", 8, 6, 6, new SplittableRandom(1));
        Path file = dir.resolve("run.yaml");
        Files.writeString(file, IMAGES.replace("[dark, bright]", "[dark, bright, grey]"));

        CommandRunner r = new CommandRunner(new TrainCommand(), file.toString(), "--out", dir.resolve("runs").toString());

        assertThat(r.exitCode).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err().trim()).isEqualTo(file + ":4: data.classes: 3 class names [dark, bright, grey] but the"
                + " model's output [2] scores 2 classes");
        assertThat(dir.resolve("runs")).doesNotExist();

        Files.writeString(file, IMAGES.replace("[dark, bright]", "[dark, dark]"));
        CommandRunner twice = new CommandRunner(new TrainCommand(), file.toString());
        assertThat(twice.exitCode).isEqualTo(ExitCodes.USAGE);
        assertThat(twice.err().trim()).isEqualTo(file + ":4: data.classes[1]: the class name 'dark' is given twice");
    }

    private Path png(String name, int width, int height, int grey) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, grey << 16 | grey << 8 | grey);
            }
        }
        Path file = dir.resolve(name);
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    /** {@code <part>-images} and {@code <part>-labels} in MNIST's IDX layout: even samples dark, odd bright. */
    private void writeIdx(String part, int count, int height, int width, SplittableRandom random) throws IOException {
        ByteArrayOutputStream images = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(images)) {
            out.writeInt(0x0803);
            out.writeInt(count);
            out.writeInt(height);
            out.writeInt(width);
            for (int i = 0; i < count; i++) {
                for (int p = 0; p < height * width; p++) {
                    out.writeByte((i % 2 == 0 ? 10 : 200) + random.nextInt(40));
                }
            }
        }
        ByteArrayOutputStream labels = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(labels)) {
            out.writeInt(0x0801);
            out.writeInt(count);
            for (int i = 0; i < count; i++) {
                out.writeByte(i % 2);
            }
        }
        Files.write(dir.resolve(part + "-images"), images.toByteArray());
        Files.write(dir.resolve(part + "-labels"), labels.toByteArray());
    }
}
