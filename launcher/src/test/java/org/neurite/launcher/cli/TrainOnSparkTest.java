package org.neurite.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code neurite train CONFIG --spark local[2]} in each mode: the same run folder as a run on one
 * machine (with the same micro-batches in the synchronous mode, down to the bytes of the weights;
 * gradient all-reduce on two workers gives the same bytes too), and its bad input as one line.
 */
class TrainOnSparkTest {

    /** XOR, full batch of 4 samples: two micro-batches of 2 per step. */
    private static final String XOR = TrainCommandTest.XOR.replace("epochs: 60, batch_size: 0, checkpoint_every: 30",
            "epochs: 12, batch_size: 0, checkpoint_every: 6");

    @TempDir
    Path dir;

    private CommandRunner train(String... args) throws IOException {
        return trainWith(XOR, args);
    }

    private CommandRunner trainWith(String text, String... args) throws IOException {
        Path config = dir.resolve("xor.yaml");
        Files.writeString(config, text);
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
        Path a = RunFolders.only(dir.resolve("here"));
        Path b = RunFolders.only(dir.resolve("spark"));
        assertThat(RunFolders.files(b)).isEqualTo(RunFolders.files(a)).contains("model.json", "model.safetensors", "metrics.csv",
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
        for (String mode : List.of("sync", "all_reduce", "local_sgd")) {
            CommandRunner r = train("--spark", "spark://127.0.0.1:" + port, "--spark-mode", mode,
                    "--out", dir.resolve("runs").toString());

            assertThat(r.exitCode).as(mode).isEqualTo(ExitCodes.RUN_FAILED);
            assertThat(r.err()).as(mode).startsWith("neurite train: spark: cannot reach the master spark://127.0.0.1:"
                    + port).hasLineCount(1);
            assertThat(dir.resolve("runs")).as(mode).doesNotExist();
        }
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

    @Test
    void gradientAllReduceFromTheConfigWritesTheRunFolderOfOneMachineWithHalfBatches() throws IOException {
        // two workers share each batch of 4 as two micro-batches of 2 would: the same sum, bit for bit
        CommandRunner here = train("--micro-batch", "2", "--out", dir.resolve("here").toString());
        CommandRunner spark = trainWith(XOR + "spark: {mode: all_reduce, partitions: 2}\n", "--spark", "local[2]",
                "--out", dir.resolve("spark").toString());

        assertThat(here.exitCode).as(here.err()).isZero();
        assertThat(spark.exitCode).as(spark.err()).isZero();
        Path a = RunFolders.only(dir.resolve("here"));
        Path b = RunFolders.only(dir.resolve("spark"));
        assertThat(RunFolders.files(b)).isEqualTo(RunFolders.files(a)).contains("checkpoints/epoch-006.state.json");
        assertThat(Files.readAllBytes(b.resolve("model.safetensors"))).isEqualTo(Files.readAllBytes(a.resolve("model.safetensors")));
        // the epoch's loss comes back through the ring as a float pair: equal to rounding
        List<Double> ring = losses(b);
        List<Double> alone = losses(a);
        assertThat(ring).hasSize(12);
        for (int i = 0; i < alone.size(); i++) {
            assertThat(ring.get(i)).as("epoch %d", i + 1).isCloseTo(alone.get(i), org.assertj.core.api.Assertions.within(1e-5));
        }
        assertThat(Files.readString(b.resolve("train.log"))).contains("spark local[2]: gradient all-reduce, 2 workers");
        assertThat(spark.out()).contains("epoch 12/12").contains("test accuracy");
    }

    @Test
    void localSgdFromTheFlagsWithDataTheExecutorsReadEndsLikeDataFromTheDriver() throws IOException {
        Files.writeString(dir.resolve("xor.csv"), "x,y,label\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n0,0,0\n1,1,0\n");
        String csv = XOR.replace("data: {train: {format: synthetic, name: xor}, test: {format: synthetic, name: xor}}",
                "data: {train: {format: csv, path: xor.csv, label: label}}");
        CommandRunner read = trainWith(csv, "--spark", "local[2]", "--spark-mode", "local_sgd", "--spark-k", "2",
                "--spark-data", "executors", "--out", dir.resolve("read").toString());
        CommandRunner sent = trainWith(csv, "--spark", "local[2]", "--spark-mode", "local_sgd", "--spark-k", "2",
                "--out", dir.resolve("sent").toString());

        assertThat(read.exitCode).as(read.err()).isZero();
        assertThat(sent.exitCode).as(sent.err()).isZero();
        Path a = RunFolders.only(dir.resolve("sent"));
        Path b = RunFolders.only(dir.resolve("read"));
        assertThat(RunFolders.files(b)).isEqualTo(RunFolders.files(a)).contains("model.json", "metrics.csv", "learning-curves.png");
        assertThat(Files.readAllBytes(b.resolve("model.safetensors"))).isEqualTo(Files.readAllBytes(a.resolve("model.safetensors")));
        assertThat(Files.readString(b.resolve("train.log"))).contains("local SGD, parameters averaged every 2 steps");
    }

    @Test
    void earlyStoppingKeepBestAndRestoreBestInAllReduceWriteTheRunFolderOfOneMachine() throws IOException {
        // min_delta 10: no epoch improves on the first, so the run stops after epoch 2 and saves epoch 1's weights
        String stopping = XOR.replace("data: {train: {format: synthetic, name: xor}, test:",
                "data: {train: {format: synthetic, name: xor}, validation: {format: synthetic, name: xor}, test:")
                .replace("checkpoint_every: 6", "checkpoint_every: 6, early_stopping: {patience: 1, min_delta: 10,"
                        + " restore_best: true}, checkpoint: {keep_best: true, keep_last: 1}");
        CommandRunner here = trainWith(stopping, "--micro-batch", "2", "--out", dir.resolve("here").toString());
        CommandRunner spark = trainWith(stopping + "spark: {mode: all_reduce, partitions: 2}\n", "--spark", "local[2]",
                "--out", dir.resolve("spark").toString());

        assertThat(here.exitCode).as(here.err()).isZero();
        assertThat(spark.exitCode).as(spark.err()).isZero();
        Path a = RunFolders.only(dir.resolve("here"));
        Path b = RunFolders.only(dir.resolve("spark"));
        assertThat(RunFolders.files(b)).isEqualTo(RunFolders.files(a)).contains("checkpoints/epoch-001.weights.safetensors",
                "checkpoints/epoch-002.state.json");
        assertThat(Files.readAllBytes(b.resolve("model.safetensors"))).isEqualTo(Files.readAllBytes(a.resolve("model.safetensors")));
        assertThat(losses(b)).hasSize(2);
        assertThat(Files.readString(b.resolve("train.log"))).contains("early stopping after epoch 2: the best was epoch 1")
                .contains("saved the weights of epoch 1, the best by val_loss");
        assertThat(Files.readString(b.resolve("checkpoints/epoch-002.state.json"))).contains("\"stopped\": true");
    }

    @Test
    void aBarrierRunResumesFromItsCheckpointAndEndsAsTheUndisturbedRun() throws IOException {
        // checkpoints every 3 epochs, the latest 2 kept: the resumed run must delete epochs 3 and 6 as the whole one did
        String allReduce = XOR.replace("checkpoint_every: 6", "checkpoint_every: 3, checkpoint: {keep_last: 2}")
                + "spark: {mode: all_reduce, partitions: 2}\n";
        CommandRunner whole = trainWith(allReduce, "--spark", "local[2]", "--out", dir.resolve("whole").toString());
        CommandRunner half = trainWith(allReduce, "--spark", "local[2]", "--set", "training.epochs=6",
                "--out", dir.resolve("half").toString());
        assertThat(whole.exitCode).as(whole.err()).isZero();
        assertThat(half.exitCode).as(half.err()).isZero();
        Path a = RunFolders.only(dir.resolve("whole"));
        Path b = RunFolders.only(dir.resolve("half"));

        CommandRunner resumed = new CommandRunner(new TrainCommand(), "--resume", b.toString(), "--spark", "local[2]",
                "--set", "training.epochs=12");

        assertThat(resumed.exitCode).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("epoch 7/12").doesNotContain("epoch 6/12").contains("test accuracy");
        assertThat(RunFolders.files(b)).isEqualTo(RunFolders.files(a)).contains("checkpoints/epoch-009.state.json")
                .doesNotContain("checkpoints/epoch-006.weights.safetensors");
        assertThat(Files.readAllBytes(b.resolve("model.safetensors"))).isEqualTo(Files.readAllBytes(a.resolve("model.safetensors")));
        assertThat(Files.readAllBytes(b.resolve("checkpoints/epoch-012.weights.safetensors")))
                .isEqualTo(Files.readAllBytes(a.resolve("checkpoints/epoch-012.weights.safetensors")));
        assertThat(Files.readString(b.resolve("train.log"))).contains("resumed after epoch 6 from its checkpoint");
    }

    @Test
    void aBarrierRunReportsEveryStepAndEpochAsOneMachineDoes() throws IOException {
        CommandRunner here = train("--micro-batch", "2", "--log-format", "json", "--log-every", "1",
                "--out", dir.resolve("here").toString());
        CommandRunner spark = trainWith(XOR + "spark: {mode: local_sgd, partitions: 2, k: 2}\n", "--spark", "local[2]",
                "--log-format", "json", "--log-every", "1", "--out", dir.resolve("spark").toString());

        assertThat(here.exitCode).as(here.err()).isZero();
        assertThat(spark.exitCode).as(spark.err()).isZero();
        // local SGD: each worker a share of 2 samples, one full batch a step, as one machine's run of 12 steps
        assertThat(steps(spark.out())).hasSize(12).isEqualTo(steps(here.out()));
        assertThat(spark.out().lines().filter(l -> l.contains("\"event\":\"epoch\"")).count()).isEqualTo(12);
    }

    @Test
    void kBelowOneIsAConfigErrorInTheConfigAndOnTheCommandLine() throws IOException {
        CommandRunner config = trainWith(XOR + "spark: {mode: local_sgd, k: 0}\n", "--spark", "local[2]",
                "--out", dir.resolve("runs").toString());
        CommandRunner flag = train("--spark", "local[2]", "--spark-mode", "local_sgd", "--spark-k", "0",
                "--out", dir.resolve("runs").toString());

        assertThat(config.exitCode).isEqualTo(ExitCodes.USAGE);
        assertThat(config.err()).startsWith(dir.resolve("xor.yaml") + ":11: spark.k: ").hasLineCount(1);
        assertThat(flag.exitCode).isEqualTo(ExitCodes.USAGE);
        assertThat(flag.err()).isEqualTo("--spark-k: expected at least 1, got 0" + System.lineSeparator());
        assertThat(dir.resolve("runs")).doesNotExist();
    }

    @Test
    void aSettingTheModeDoesNotUseIsRefusedRatherThanIgnored() throws IOException {
        CommandRunner r = train("--spark", "local[2]", "--spark-mode", "all_reduce", "--spark-k", "4",
                "--out", dir.resolve("runs").toString());

        assertThat(r.exitCode).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).isEqualTo("--spark-k: only local_sgd averages every k steps, but the mode is all_reduce"
                + System.lineSeparator());
    }

    @Test
    void allReduceNeedsASamplePerWorkerInEveryBatch() throws IOException {
        CommandRunner r = train("--spark", "local[2]", "--spark-mode", "all_reduce", "--spark-partitions", "2",
                "--set", "training.batch_size=3", "--out", dir.resolve("runs").toString());

        assertThat(r.exitCode).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).isEqualTo("--spark-partitions: all_reduce shares every batch between the 2 workers, but"
                + " the epoch's last batch has only 1 samples (4 samples in batches of 3); use at most 1 partitions"
                + " or another batch size" + System.lineSeparator());
        assertThat(dir.resolve("runs")).doesNotExist();
    }

    @Test
    void sparkFlagsWithoutSparkAreAConfigError() throws IOException {
        CommandRunner r = train("--spark-mode", "all_reduce", "--out", dir.resolve("runs").toString());

        assertThat(r.exitCode).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).isEqualTo("--spark-mode: sets how --spark MASTER trains; add --spark" + System.lineSeparator());
    }

    /** The epoch and step of every step object of JSON progress. */
    private static List<String> steps(String out) {
        return out.lines().filter(l -> l.contains("\"event\":\"step\"")).map(l -> l.replaceAll(".*\"epoch\":(\\d+),"
                + "\"step\":(\\d+).*", "$1/$2")).toList();
    }

    private static List<Double> losses(Path run) throws IOException {
        return Files.readAllLines(run.resolve("metrics.csv")).stream().skip(1).filter(l -> !l.startsWith("test"))
                .map(l -> Double.parseDouble(l.split(",")[1])).toList();
    }
}
