package org.neurite.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code neurite train CONFIG --spark local-cluster[2,1,1024]} with gradient all-reduce from the
 * config, each executor JVM reading the data file itself: the run folder and the weights of one
 * machine with micro-batches of half the batch, bit for bit. local-cluster starts its executors
 * through a Spark installation ({@code SPARK_HOME}); without one the test is skipped, and
 * {@code spark/local-cluster.sh} makes a stand-in from Maven's Spark jars and runs it.
 */
@EnabledIfEnvironmentVariable(named = "SPARK_HOME", matches = ".+", disabledReason = "local-cluster suite skipped:"
        + " SPARK_HOME is not set (local-cluster starts executor JVMs through a Spark installation; spark/local-cluster.sh makes a stand-in)")
class LocalClusterTrainTest {

    private static final String CONFIG = TrainCommandTest.XOR
            .replace("data: {train: {format: synthetic, name: xor}, test: {format: synthetic, name: xor}}",
                    "data: {train: {format: csv, path: xor.csv, label: label}}")
            .replace("epochs: 60, batch_size: 0, checkpoint_every: 30", "epochs: 12, batch_size: 0, checkpoint_every: 6")
            + "spark: {mode: all_reduce, partitions: 2, data: executors}\n";

    @TempDir
    Path dir;

    /** The executors get this JVM's class path: the launcher, Neurite and Spark's jars. */
    @BeforeAll
    static void executorClassPath() {
        System.setProperty("spark.executor.extraClassPath", System.getProperty("java.class.path"));
    }

    @AfterAll
    static void clear() {
        System.clearProperty("spark.executor.extraClassPath");
    }

    @Test
    void gradientAllReduceAcrossTwoExecutorJvmsWritesTheRunFolderOfOneMachine() throws IOException {
        Files.writeString(dir.resolve("xor.csv"), "x,y,label\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n");
        CommandRunner cluster = trainHereAndOnTheCluster("xor.yaml", CONFIG);
        Path a = RunFolders.only(dir.resolve("here"));
        Path b = RunFolders.only(dir.resolve("cluster"));
        assertThat(RunFolders.files(b)).isEqualTo(RunFolders.files(a)).contains("checkpoints/epoch-012.weights.safetensors");
        assertThat(Files.readAllBytes(b.resolve("model.safetensors"))).isEqualTo(Files.readAllBytes(a.resolve("model.safetensors")));
        assertThat(Files.readString(b.resolve("train.log"))).contains("spark local-cluster[2,1,1024]: gradient"
                + " all-reduce, 2 workers");
    }

    @Test
    void earlyStoppingKeepBestAndRestoreBestAcrossTwoExecutorJvmsEndAsOneMachine() throws IOException {
        Files.writeString(dir.resolve("xor.csv"), "x,y,label\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n");
        // min_delta 10: no epoch improves on the first, so the run stops after epoch 2 and saves epoch 1's weights
        String stopping = CONFIG.replace("label: label}}", "label: label}, validation: {format: csv, path: xor.csv,"
                + " label: label}}").replace("checkpoint_every: 6", "checkpoint_every: 1, early_stopping: {patience: 1,"
                + " min_delta: 10, restore_best: true}, checkpoint: {keep_best: true, keep_last: 1}");
        CommandRunner cluster = trainHereAndOnTheCluster("stopping.yaml", stopping);
        Path a = RunFolders.only(dir.resolve("here"));
        Path b = RunFolders.only(dir.resolve("cluster"));
        // the checkpoints came from worker 0's executor JVM to the driver while it trained
        assertThat(RunFolders.files(b)).isEqualTo(RunFolders.files(a)).contains("checkpoints/epoch-001.weights.safetensors");
        assertThat(Files.readAllBytes(b.resolve("model.safetensors"))).isEqualTo(Files.readAllBytes(a.resolve("model.safetensors")));
        assertThat(Files.readString(b.resolve("train.log"))).contains("early stopping after epoch 2: the best was epoch 1");
        assertThat(cluster.out()).contains("epoch 2/12").doesNotContain("epoch 3/12");
    }

    /**
     * Trains {@code text} on this machine in micro-batches of 2 (into {@code here/}) and on a
     * local cluster of two executor JVMs (into {@code cluster/}); both must succeed.
     *
     * @return the cluster run's command, for its output
     */
    private CommandRunner trainHereAndOnTheCluster(String name, String text) throws IOException {
        Path config = dir.resolve(name);
        Files.writeString(config, text);
        CommandRunner here = new CommandRunner(new TrainCommand(), config.toString(), "--micro-batch", "2",
                "--out", dir.resolve("here").toString());
        CommandRunner cluster = new CommandRunner(new TrainCommand(), config.toString(),
                "--spark", "local-cluster[2,1,1024]", "--out", dir.resolve("cluster").toString());
        assertThat(here.exitCode).as(here.err()).isZero();
        assertThat(cluster.exitCode).as(cluster.err()).isZero();
        return cluster;
    }
}
