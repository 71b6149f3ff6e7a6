package org.neurite.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The recurrent examples ({@code examples/recurrent/fashion-*.yaml}) through bin/neurite, shortened:
 * the first 256 training and 128 test images of Fashion-MNIST, two epochs (and a warm-up of one
 * step where the example has a longer one). Their plugins come from the distribution's plugins folder.
 */
class RecurrentExamplesTest {

    private static final int TRAIN = 256;
    private static final int TEST = 128;
    /** The examples whose learning rate warms up over more steps than the shortened run has. */
    private static final Set<String> WARMING_UP = Set.of("rnn", "lstm");

    private final Distribution distribution = Distribution.assembled();

    @TempDir
    static Path temp;

    @BeforeAll
    static void cutTheDataShort() {
        Path data = Distribution.assembled().home().resolve("examples/data/fashion-mnist");
        subset(data.resolve("train-images-idx3-ubyte.gz"), temp.resolve("train-images"), TRAIN, 16, 784);
        subset(data.resolve("train-labels-idx1-ubyte.gz"), temp.resolve("train-labels"), TRAIN, 8, 1);
        subset(data.resolve("t10k-images-idx3-ubyte.gz"), temp.resolve("test-images"), TEST, 16, 784);
        subset(data.resolve("t10k-labels-idx1-ubyte.gz"), temp.resolve("test-labels"), TEST, 8, 1);
    }

    @ParameterizedTest(name = "fashion-{0}")
    @ValueSource(strings = {"rnn", "lstm", "gru"})
    void theExampleTrainsItsLossFallsAndTheSavedModelHoldsPyTorchsNames(String kind) throws IOException {
        Path runs = temp.resolve("runs-" + kind);

        CommandResult result = train(kind, runs);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).contains("epoch 2/2", "test accuracy");
        Path run = RunConfigs.onlyRunFolder(runs);
        List<String> metrics = Files.readAllLines(run.resolve("metrics.csv"));
        double first = Double.parseDouble(metrics.get(1).split(",")[1]);
        double second = Double.parseDouble(metrics.get(2).split(",")[1]);
        assertThat(second).as("training loss of epoch 2 below epoch 1's").isLessThan(first);
        String weights = new String(Files.readAllBytes(run.resolve("model.safetensors")), StandardCharsets.ISO_8859_1);
        assertThat(weights).contains("0.weight_ih_l0", "0.weight_hh_l0", "0.bias_ih_l0", "0.bias_hh_l0", "1.weight");

        CommandResult evaluation = distribution.run(temp, "evaluate", run.toString(), "--data",
                run.resolve("config.yaml").toString());
        assertThat(evaluation.exitCode()).as(evaluation.toString()).isZero();
        assertThat(evaluation.stdout()).contains("accuracy");
    }

    @Test
    void aRecurrentLayerWithoutItsHiddenSizeIsAConfigErrorNamingTheKey() {
        CommandResult result = train("lstm", temp.resolve("runs-missing"), "--set", "model.layers[0]={type: lstm}");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr()).contains("model.layers[0].hidden_size").doesNotContain("\tat ");
        assertThat(temp.resolve("runs-missing")).doesNotExist();
    }

    @Test
    void aFlatInputIsAConfigErrorNamingTheLayerAndTheShape() {
        CommandResult result = train("gru", temp.resolve("runs-flat"), "--set", "model.input=[784]");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr()).contains("model.layers[0]", "gru", "[784]").doesNotContain("\tat ");
    }

    @Test
    void imagesLongerThanMaxLengthAreAConfigErrorNamingTheLayer() {
        CommandResult result = train("lstm", temp.resolve("runs-long"), "--set",
                "model.layers[0]={type: lstm, hidden_size: 8, max_length: 20}");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr()).contains(": model.layers[0] (lstm): sequence of 28 steps is longer than max_length"
                + " 20 (the input is [28, 28])").doesNotContain("(lstm): model.layers[0]").doesNotContain("\tat ");
        assertThat(temp.resolve("runs-long")).doesNotExist();
    }

    private CommandResult train(String kind, Path runs, String... more) {
        Path config = distribution.home().resolve("examples/recurrent/fashion-" + kind + ".yaml");
        List<String> args = new java.util.ArrayList<>(List.of("train", config.toString(), "--out", runs.toString(),
                "--set", "training.epochs=2",
                "--set", "data.train.images=" + temp.resolve("train-images"),
                "--set", "data.train.labels=" + temp.resolve("train-labels"),
                "--set", "data.test.images=" + temp.resolve("test-images"),
                "--set", "data.test.labels=" + temp.resolve("test-labels")));
        if (WARMING_UP.contains(kind)) {
            // the example warms its rate up over 200 steps; the shortened run has 4 in all
            args.addAll(List.of("--set", "optimizer.schedule.warmup_steps=1"));
        }
        args.addAll(List.of(more));
        return distribution.run(temp, args.toArray(String[]::new));
    }

    /** Writes the first {@code count} items of a gzipped IDX file as a plain IDX file. */
    private static void subset(Path gz, Path out, int count, int headerBytes, int itemBytes) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz));
             DataOutputStream os = new DataOutputStream(Files.newOutputStream(out))) {
            byte[] header = in.readNBytes(headerBytes);
            os.write(header, 0, 4);
            os.writeInt(count);
            os.write(header, 8, headerBytes - 8);
            os.write(in.readNBytes(count * itemBytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
