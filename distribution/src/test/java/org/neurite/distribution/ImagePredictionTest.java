package org.neurite.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Fashion-MNIST example as built (its class names and scale saved with the model, without
 * training: {@code training.epochs=0}), then {@code neurite predict RUN a.png b.png} on test images
 * written as PNG files: each gets one of the example's class names, also with {@code --format json}
 * or {@code csv} (each row naming its file); a file that is not an image is a failed run naming it
 * (exit 1); an image of another size is refused naming both sizes (exit 2).
 */
class ImagePredictionTest {

    private static final List<String> CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private final Distribution distribution = Distribution.assembled();

    @TempDir
    Path temp;

    @Test
    void predictNamesTheClassOfEachImageFileAndRefusesAnImageOfAnotherSize() throws IOException {
        Path examples = distribution.home().resolve("examples");
        CommandResult training = distribution.run(temp, "train", examples.resolve("fashion-mlp.yaml").toString(),
                "--set", "training.epochs=0", "--out", temp.resolve("runs").toString());
        assertThat(training.exitCode()).as(training.toString()).isZero();
        Path run = RunConfigs.onlyRunFolder(temp.resolve("runs"));
        assertThat(Files.readString(run.resolve("model.json"))).contains("\"class_names\"", "\"Ankle boot\"",
                "\"preprocessing\"");

        byte[] images;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(
                examples.resolve("data/fashion-mnist/t10k-images-idx3-ubyte.gz")))) {
            images = in.readNBytes(16 + 2 * 784);
        }
        Path a = png(temp.resolve("a.png"), images, 16);
        Path b = png(temp.resolve("b.png"), images, 16 + 784);

        CommandResult prediction = distribution.run(temp, "predict", run.toString(), a.toString(), b.toString());

        assertThat(prediction.exitCode()).as(prediction.toString()).isZero();
        List<String> lines = prediction.stdout().lines().filter(l -> l.startsWith(temp.toString())).toList();
        assertThat(lines).as(prediction.stdout()).hasSize(2);
        for (String line : lines) {
            String name = line.substring(line.indexOf(".png") + 4).trim().replaceAll("\\s+[0-9.]+", "").trim();
            assertThat(CLASSES).as(line).contains(name);
        }

        CommandResult json = distribution.run(temp, "predict", run.toString(), a.toString(), b.toString(),
                "--format", "json");
        assertThat(json.exitCode()).as(json.toString()).isZero();
        assertThat(json.stdout()).as(json.toString()).startsWith("[").contains("\"row\": 1", "\"file\": \"" + a + "\"",
                "\"row\": 2", "\"file\": \"" + b + "\"", "\"class_name\"", "\"probabilities\"");
        CommandResult csv = distribution.run(temp, "predict", run.toString(), a.toString(), b.toString(),
                "--format", "csv");
        assertThat(csv.exitCode()).as(csv.toString()).isZero();
        List<String> csvLines = csv.stdout().lines().toList();
        assertThat(csvLines.get(0)).startsWith("row,file,class,class_name,p(0),");
        assertThat(csvLines).hasSize(3);
        assertThat(csvLines.get(1)).startsWith("1," + a + ",");
        assertThat(csvLines.get(2)).startsWith("2," + b + ",");

        Path text = Files.writeString(temp.resolve("notes.png"), "not an image");
        CommandResult unreadable = distribution.run(temp, "predict", run.toString(), text.toString());
        assertThat(unreadable.exitCode()).as(unreadable.toString()).isEqualTo(1);
        assertThat(unreadable.stderr().strip()).isEqualTo("neurite predict: " + text
                + ": header: not an image ImageIO can read (PNG, JPEG, GIF, BMP)");
        assertThat(unreadable.stdout()).isEmpty();

        BufferedImage small = new BufferedImage(20, 20, BufferedImage.TYPE_BYTE_GRAY);
        Path c = temp.resolve("small.png");
        ImageIO.write(small, "png", c.toFile());
        CommandResult refused = distribution.run(temp, "predict", run.toString(), c.toString());
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.stderr()).contains(c + ": the image is 20x20 pixels (width x height), but the model takes"
                + " 28x28 images (input [28, 28]) and its pre-processing does not resize");
    }

    private static Path png(Path file, byte[] idx, int offset) throws IOException {
        BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                int g = idx[offset + y * 28 + x] & 0xff;
                image.setRGB(x, y, g << 16 | g << 8 | g);
            }
        }
        ImageIO.write(image, "png", file.toFile());
        return file;
    }
}
