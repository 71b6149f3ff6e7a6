package org.neurite.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Transformer examples as they ship, run shortened through bin/neurite: the config file
 * unchanged but for one epoch on the first images of Fashion-MNIST (set on the command line).
 */
class TransformerExamplesTest {

    private static final int TRAIN = 1536;
    private static final int TEST = 512;

    private final Distribution distribution = Distribution.assembled();

    @TempDir
    Path temp;

    @Test
    void fashionVitTrainsAndItsSavedModelEvaluates() throws IOException {
        Path data = distribution.home().resolve("examples/data/fashion-mnist");
        Path small = Files.createDirectories(temp.resolve("data"));
        Path trainImages = firstItems(data.resolve("train-images-idx3-ubyte.gz"), small, TRAIN);
        Path trainLabels = firstItems(data.resolve("train-labels-idx1-ubyte.gz"), small, TRAIN);
        Path testImages = firstItems(data.resolve("t10k-images-idx3-ubyte.gz"), small, TEST);
        Path testLabels = firstItems(data.resolve("t10k-labels-idx1-ubyte.gz"), small, TEST);
        Path runs = temp.resolve("runs");

        CommandResult training = distribution.run(temp, "train",
                distribution.home().resolve("examples/transformer/fashion-vit.yaml").toString(),
                "--set", "training.epochs=1",
                "--set", "data.train.images=" + trainImages, "--set", "data.train.labels=" + trainLabels,
                "--set", "data.test.images=" + testImages, "--set", "data.test.labels=" + testLabels,
                "--out", runs.toString());

        assertThat(training.exitCode()).as(training.toString()).isZero();
        Path run = RunConfigs.onlyRunFolder(runs);
        List<String> metrics = Files.readAllLines(run.resolve("metrics.csv"));
        // the header, the one epoch and the test row
        assertThat(metrics).hasSize(3);
        // 12 steps on 1,536 images: far from trained, but well above the 0.1 of guessing
        double accuracy = testAccuracy(training.stdout());
        assertThat(accuracy).isGreaterThan(0.3);

        CommandResult evaluation = distribution.run(temp, "evaluate", run.toString(), "--data",
                run.resolve("config.yaml").toString());
        assertThat(evaluation.exitCode()).as(evaluation.toString()).isZero();
        assertThat(evaluation.stdout()).contains(String.format("%.4f", accuracy));
    }

    @Test
    void shakespeareGptTrainsAFewStepsAndBeatsGuessing() throws IOException {
        Path runs = temp.resolve("runs");

        // windows every 4000 characters: 21 batches of 12 instead of about 2000
        CommandResult training = distribution.run(temp, "train",
                distribution.home().resolve("examples/transformer/shakespeare-gpt.yaml").toString(),
                "--set", "data.train.stride=4000", "--out", runs.toString());

        assertThat(training.exitCode()).as(training.toString()).isZero();
        String epoch = training.stdout().lines().filter(l -> l.startsWith("epoch 1/1")).findFirst().orElseThrow();
        double validationLoss = Double.parseDouble(epoch.replaceAll(".*val_loss ([0-9.]+).*", "$1"));
        assertThat(validationLoss).as(epoch).isLessThan(Math.log(65)); // guessing among 65 characters
        assertThat(Files.readString(RunConfigs.onlyRunFolder(runs).resolve("model.json"))).contains("causal_lm");
    }

    @Test
    void aWidthNotDivisibleByTheHeadsIsAConfigErrorNamingTheOption() {
        CommandResult result = distribution.run(temp, "train",
                distribution.home().resolve("examples/transformer/fashion-vit.yaml").toString(),
                "--set", "model.layers[2].heads=5", "--out", temp.resolve("runs").toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr()).contains("model.layers[2].heads: the width 64 is not divisible by 5 heads");
        assertThat(temp.resolve("runs")).doesNotExist();
    }

    /** @return the accuracy in the line {@code test accuracy 0.xxxx (...)} */
    private static double testAccuracy(String stdout) {
        return stdout.lines().filter(l -> l.startsWith("test accuracy ")).findFirst()
                .map(l -> Double.parseDouble(l.split(" ")[2]))
                .orElseThrow(() -> new AssertionError("no test accuracy line in:\n" + stdout));
    }

    /** Writes the first {@code count} items of a gzipped IDX file (images or labels) into {@code folder}. */
    private static Path firstItems(Path idx, Path folder, int count) throws IOException {
        Path out = folder.resolve(idx.getFileName());
        try (InputStream raw = Files.newInputStream(idx);
             DataInputStream in = new DataInputStream(new GZIPInputStream(raw));
             OutputStream rawOut = Files.newOutputStream(out);
             DataOutputStream dataOut = new DataOutputStream(new GZIPOutputStream(rawOut))) {
            int magic = in.readInt();
            int rank = magic & 0xff;
            dataOut.writeInt(magic);
            in.readInt();
            dataOut.writeInt(count);
            long itemSize = 1;
            for (int axis = 1; axis < rank; axis++) {
                int dim = in.readInt();
                dataOut.writeInt(dim);
                itemSize *= dim;
            }
            dataOut.write(in.readNBytes((int) (itemSize * count)));
        }
        return out;
    }
}
