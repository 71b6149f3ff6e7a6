package org.neurite.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tests of a class that share one run, trained through bin/neurite before them: its config
 * file, what {@code train} printed and the run folder it wrote.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TrainedOnce {

    final Distribution distribution = Distribution.assembled();

    @TempDir
    static Path temp;

    Path config;
    CommandResult training;
    Path run;

    private final String fileName;
    private final String configText;

    /**
     * @param fileName the config's file name, such as {@code spirals.yaml}
     * @param configText the config
     */
    TrainedOnce(String fileName, String configText) {
        this.fileName = fileName;
        this.configText = configText;
    }

    @BeforeAll
    void trainOnce() {
        config = RunConfigs.write(temp.resolve("configs"), fileName, configText);
        training = distribution.run(temp, "train", config.toString(), "--out", temp.resolve("runs").toString());
        assertThat(training.exitCode()).as(training.toString()).isZero();
        run = RunConfigs.onlyRunFolder(temp.resolve("runs"));
    }
}
