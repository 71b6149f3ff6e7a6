package org.neurite.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution ships neurite-spark but not Spark: without a Spark installation, {@code --spark}
 * is one line saying what to do, and micro-batched training on one machine needs no Spark at all.
 */
class SparkOptionTest {

    private final Distribution distribution = Distribution.assembled();

    @TempDir
    Path temp;

    @Test
    void sparkWithoutASparkInstallationIsAUsageErrorInOneLine() {
        assumeTrue(System.getenv("SPARK_HOME") == null, "SPARK_HOME is set: Spark would be on the class path");
        Path config = RunConfigs.write(temp, "spirals.yaml", RunConfigs.SPIRALS);

        CommandResult result = distribution.run(temp, "train", config.toString(), "--spark", "local[2]",
                "--out", temp.resolve("runs").toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        // the JVM's incubator notice may come first (bin/neurite drops it only on a terminal)
        assertThat(result.stderr().strip().lines().reduce((first, last) -> last).orElse(""))
                .isEqualTo("--spark: Spark is not on the class path: set SPARK_HOME to a Spark 4.x installation"
                        + " (bin/neurite adds its jars), or run the job jar with spark-submit");
        assertThat(result.stderr()).doesNotContain("Exception", "\tat ");
        assertThat(temp.resolve("runs")).doesNotExist();
    }

    @Test
    void microBatchesOnOneMachineNeedNoSpark() {
        Path config = RunConfigs.write(temp, "spirals.yaml", RunConfigs.SPIRALS);

        CommandResult result = distribution.run(temp, "train", config.toString(), "--micro-batch", "8",
                "--set", "training.epochs=1", "--out", temp.resolve("runs").toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).contains("test accuracy");
    }
}
