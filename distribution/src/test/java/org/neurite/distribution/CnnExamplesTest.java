package org.neurite.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CNN examples as shipped in {@code examples/cnn/}, trained through bin/neurite in a
 * shortened form: the same config, one epoch, on the first 128 training and 64 test images of
 * Fashion-MNIST (written here as IDX files beside the config, at the path the config names).
 */
class CnnExamplesTest {

    private static final int TRAIN = 128;
    private static final int TEST = 64;

    private final Distribution distribution = Distribution.assembled();

    @TempDir
    Path temp;

    @ParameterizedTest
    @ValueSource(strings = {"fashion-cnn.yaml", "fashion-cnn-bn.yaml", "fashion-resnet.yaml"})
    void trainsAndTestsInAShortenedForm(String example) throws IOException {
        Path shipped = distribution.home().resolve("examples");
        Path data = temp.resolve("data/fashion-mnist");
        Files.createDirectories(data);
        for (String[] file : new String[][] {{"train-images-idx3-ubyte.gz", "" + TRAIN},
                {"train-labels-idx1-ubyte.gz", "" + TRAIN}, {"t10k-images-idx3-ubyte.gz", "" + TEST},
                {"t10k-labels-idx1-ubyte.gz", "" + TEST}}) {
            firstItems(shipped.resolve("data/fashion-mnist").resolve(file[0]), data.resolve(file[0]),
                    Integer.parseInt(file[1]));
        }
        String config = Files.readString(shipped.resolve("cnn").resolve(example))
                .replaceAll("(?m)^  epochs: \\d+$", "  epochs: 1");
        Path written = RunConfigs.write(temp.resolve("cnn"), example, config);

        CommandResult run = distribution.run(temp, "train", written.toString(), "--out", temp.resolve("runs").toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdout()).containsPattern("(?i)test.*accuracy");
        assertThat(RunConfigs.onlyRunFolder(temp.resolve("runs")).resolve("model.json")).isRegularFile();
    }

    /** Copies an IDX file's header with the item count set to {@code count}, and its first {@code count} items. */
    private static void firstItems(Path from, Path to, int count) throws IOException {
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(Files.newInputStream(from)));
             DataOutputStream out = new DataOutputStream(new GZIPOutputStream(Files.newOutputStream(to)))) {
            int magic = in.readInt();
            int rank = magic & 0xff;
            out.writeInt(magic);
            in.readInt();
            out.writeInt(count);
            long itemSize = 1;
            for (int d = 1; d < rank; d++) {
                int dim = in.readInt();
                out.writeInt(dim);
                itemSize *= dim;
            }
            copy(in, out, itemSize * count);
        }
    }

    private static void copy(InputStream in, OutputStream out, long bytes) throws IOException {
        byte[] buffer = new byte[8192];
        while (bytes > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, bytes));
            if (n < 0) {
                throw new IOException("file ends early");
            }
            out.write(buffer, 0, n);
            bytes -= n;
        }
    }
}
