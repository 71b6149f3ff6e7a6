package org.neurite.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code neurite train CONFIG --spark local[2]}: the same run folder as a run on one machine with
 * the same micro-batches, down to the bytes of the weights; and its bad input as one line.
 */
class TrainOnSparkTest {

    /** XOR, full batch of 4 samples: two micro-batches of 2 per step. */
    private static final String XOR = TrainCommandTest.XOR.replace("epochs: 60, batch_size: 0, checkpoint_every: 30",
            "epochs: 12, batch_size: 0, checkpoint_every: 6");

    @TempDir
    Path dir;

    private CommandRunner train(String... args) throws IOException {
        Path config = dir.resolve("xor.yaml");
        Files.writeString(config, XOR);
        String[] all = new String[args.length + 1];
        all[0] = config.toString();
        System.arraycopy(args, 0, all, 1, args.length);
        return new CommandRunner(new TrainCommand(), all);
    }

    @Test
    void aSparkRunWritesTheRunFolderOfOneMachineWithTheSameMicroBatches() throws IOException {
        CommandRunner here = train("--micro-batch", "2", "--out", dir.resolve("here").toString());
        CommandRunner spark = train("--spark", "local[2]", "--spark-partitions", "2", "--micro-batch", "2",
                "--out", dir.resolve("spark").toString());

        assertThat(here.exitCode).as(here.err()).isZero();
        assertThat(spark.exitCode).as(spark.err()).isZero();
        Path a = only(dir.resolve("here"));
        Path b = only(dir.resolve("spark"));
        assertThat(files(b)).isEqualTo(files(a)).contains("model.json", "model.safetensors", "metrics.csv",
                "learning-curves.png", "train.log", "config.yaml");
        assertThat(Files.readAllBytes(b.resolve("model.safetensors"))).isEqualTo(Files.readAllBytes(a.resolve("model.safetensors")));
        assertThat(Files.readString(b.resolve("train.log"))).contains("spark local[2]: synchronous, 2 partitions,"
                + " micro-batches of 2");
        assertThat(spark.out()).contains("epoch 12/12").contains("test accuracy");
    }

    @Test
    void anUnreachableMasterIsOneLineAndWritesNothing() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        CommandRunner r = train("--spark", "spark://127.0.0.1:" + port, "--out", dir.resolve("runs").toString());

        assertThat(r.exitCode).isEqualTo(ExitCodes.RUN_FAILED);
        assertThat(r.err()).startsWith("neurite train: spark: cannot reach the master spark://127.0.0.1:" + port)
                .hasLineCount(1);
        assertThat(dir.resolve("runs")).doesNotExist();
    }

    @Test
    void aMalformedMasterIsOneLineAndWritesNothing() throws IOException {
        CommandRunner r = train("--spark", "nowhere[2]", "--out", dir.resolve("runs").toString());

        assertThat(r.exitCode).isEqualTo(ExitCodes.RUN_FAILED);
        assertThat(r.err()).startsWith("neurite train: spark: cannot start on master nowhere[2]: ").hasLineCount(1);
        assertThat(dir.resolve("runs")).doesNotExist();
    }

    @Test
    void morePartitionsThanSamplesIsAConfigErrorAndWritesNothing() throws IOException {
        CommandRunner r = train("--spark", "local[2]", "--spark-partitions", "5", "--out", dir.resolve("runs").toString());

        assertThat(r.exitCode).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).isEqualTo("--spark-partitions: 5 partitions but only 4 training samples; use at most 4"
                + System.lineSeparator());
        assertThat(dir.resolve("runs")).doesNotExist();
    }

    @Test
    void aMicroBatchBelowOneIsAConfigError() throws IOException {
        CommandRunner r = train("--micro-batch", "0", "--out", dir.resolve("runs").toString());

        assertThat(r.exitCode).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).isEqualTo("--micro-batch: expected at least 1, got 0" + System.lineSeparator());
    }

    private static Path only(Path runs) throws IOException {
        try (Stream<Path> all = Files.list(runs)) {
            return all.findFirst().orElseThrow();
        }
    }

    private static List<String> files(Path run) throws IOException {
        try (Stream<Path> all = Files.walk(run)) {
            return all.filter(Files::isRegularFile).map(p -> run.relativize(p).toString()).sorted().toList();
        }
    }
}
