package org.neurite.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The forecasting example ({@code examples/recurrent/forecast-gru.yaml}: windows of a numeric
 * series, a GRU, mean squared error) through bin/neurite, shortened to three epochs over every
 * second window: it still beats the naive forecast (the window's last value, 0.2222 on the
 * validation windows; examples/data/series/baseline.txt).
 */
class ForecastExampleTest {

    private static final double NAIVE_VALIDATION_MSE = 0.2222;

    private final Distribution distribution = Distribution.assembled();

    @TempDir
    Path temp;

    @Test
    void theForecastExampleTrainsBelowTheNaiveForecastAndEvaluates() throws IOException {
        Path example = distribution.home().resolve("examples/recurrent/forecast-gru.yaml");
        CommandResult training = distribution.run(temp, "train", example.toString(), "--set", "data.train.stride=2",
                "--set", "training.epochs=3", "--out", temp.resolve("runs").toString());

        assertThat(training.exitCode()).as(training.toString()).isZero();
        assertThat(training.stdout()).contains("epoch 3/3", "val_loss");
        Path run = RunConfigs.onlyRunFolder(temp.resolve("runs"));
        List<String> metrics = Files.readAllLines(run.resolve("metrics.csv"));
        List<String> header = List.of(metrics.get(0).split(","));
        String[] last = metrics.get(3).split(",");
        double validationMse = Double.parseDouble(last[header.indexOf("val_loss")]);
        assertThat(validationMse).as("validation mse after 3 epochs").isLessThan(NAIVE_VALIDATION_MSE);

        CommandResult evaluation = distribution.run(temp, "evaluate", run.toString(), "--source", "validation");
        assertThat(evaluation.exitCode()).as(evaluation.toString()).isZero();
        assertThat(evaluation.stdout()).containsPattern("loss 0\\.\\d{4}");
    }
}
