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
 * unchanged but for fewer steps (set on the command line): one epoch on the first images of
 * Fashion-MNIST, a few batches of Shakespeare, a few hundred digit strings.
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
                // the example warms the rate up over its first epoch of 469 steps; here there are 12
                "--set", "training.epochs=1", "--set", "optimizer.schedule.warmup_steps=0",
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
    void shakespeareGptTrainsAFewStepsBeatsGuessingAndGeneratesWithItsCache() throws IOException {
        Path runs = temp.resolve("runs");

        // 21 batches of 12 random windows instead of 2000, validation on 10 batches instead of 200
        CommandResult training = distribution.run(temp, "train",
                distribution.home().resolve("examples/transformer/shakespeare-gpt.yaml").toString(),
                "--set", "data.train.random_windows=252", "--set", "data.train.held_out_windows=120",
                "--out", runs.toString());

        assertThat(training.exitCode()).as(training.toString()).isZero();
        String epoch = training.stdout().lines().filter(l -> l.startsWith("epoch 1/1")).findFirst().orElseThrow();
        double validationLoss = Double.parseDouble(epoch.replaceAll(".*val_loss ([0-9.]+).*", "$1"));
        assertThat(validationLoss).as(epoch).isLessThan(Math.log(65)); // guessing among 65 characters
        Path run = RunConfigs.onlyRunFolder(runs);
        assertThat(Files.readString(run.resolve("model.json"))).contains("causal_lm");

        // 100 characters after a prompt longer than the context of 64: the model reads the prompt's last 64,
        // then its cache starts again from the latest 32 characters every 32
        String prompt = "First Citizen:\nBefore we proceed any further, hear me speak.\n\nAll:\nSpe";
        CommandResult generation = distribution.run(temp, "generate", run.toString(), "--prompt", prompt,
                "--length", "100", "--seed", "1", "--timing", "--warm-up", "40");
        assertThat(generation.exitCode()).as(generation.toString()).isZero();
        String text = generation.stdout().strip();
        assertThat(text).startsWith(prompt).hasSizeGreaterThan(prompt.length());
        assertThat(generation.stderr()).contains("the prompt's 70 characters exceed the model's context of 64; it"
                + " reads the last 64")
                .containsPattern("generation loop: 100 characters in [0-9.]+ s after the prompt pass \\([0-9.]+ s of CPU\\):"
                        + " [0-9]+ characters/s; a warm-up of 40 characters")
                .containsPattern("whole command: 100 characters in [0-9.]+ s from the process's start .*: [0-9]+ characters/s");
    }

    @Test
    void reverseSeq2seqTrainsAndDecodesGreedily() {
        Path runs = temp.resolve("runs");

        // 10 steps on 640 strings, 64 test strings: the pipeline, not the accuracy
        CommandResult training = distribution.run(temp, "train",
                distribution.home().resolve("examples/transformer/reverse-seq2seq.yaml").toString(),
                "--set", "training.epochs=1", "--set", "data.train.samples=640", "--set", "data.test.samples=64",
                "--out", runs.toString());
        assertThat(training.exitCode()).as(training.toString()).isZero();
        assertThat(training.stdout()).contains("test token accuracy");

        CommandResult decoding = distribution.run(temp, "decode", RunConfigs.onlyRunFolder(runs).toString(),
                "--set", "data.test.samples=64");
        assertThat(decoding.exitCode()).as(decoding.toString()).isZero();
        assertThat(decoding.stdout()).containsPattern("exact match [01]\\.[0-9]{4} \\([0-9]+ of 64 sequences, greedy"
                + " decoding\\)");
        // five decoded examples: the source digits without their padding (12), and the answer
        assertThat(decoding.stdout().lines().filter(l -> l.contains("  ->  ")))
                .hasSize(5).allMatch(l -> l.matches("  [0-9]( [0-9])*  ->  .*"), "digits only before the arrow");
    }

    @Test
    void aDecoderWithoutTheEncodersOutputIsAConfigErrorNamingTheLayer() {
        CommandResult result = distribution.run(temp, "train",
                distribution.home().resolve("examples/transformer/reverse-seq2seq.yaml").toString(),
                "--set", "model.layers[6].inputs=[target_steps]", "--out", temp.resolve("runs").toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr()).contains("model.layers[6] (transformer_decoder_layer 'decoder1'): needs the"
                + " encoder's output");
        assertThat(temp.resolve("runs")).doesNotExist();
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
