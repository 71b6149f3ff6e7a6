package org.neurite.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data formats text, sequences and windows through bin/neurite: shortened runs, then evaluate and predict. */
class DataFormatsTest {

    private final Distribution distribution = Distribution.assembled();

    @TempDir
    Path temp;

    @Test
    void theShakespeareBigramExampleTrainsEvaluatesPerTokenAndPredictsCharacters() throws IOException {
        Path example = distribution.home().resolve("examples/shakespeare-bigram.yaml");
        // one window every 512 characters and one epoch: seconds, not minutes
        CommandResult training = distribution.run(temp, "train", example.toString(), "--set", "data.train.stride=512",
                "--set", "training.epochs=1", "--out", temp.resolve("runs").toString());

        assertThat(training.exitCode()).as(training.toString()).isZero();
        assertThat(training.stdout()).contains("epoch 1/1", "val_loss", "acc");
        Path run = RunConfigs.onlyRunFolder(temp.resolve("runs"));
        assertThat(Files.readString(run.resolve("model.json"))).contains("\"vocabulary\": [\"\\n\", \" \", \"!\"");

        CommandResult evaluation = distribution.run(temp, "evaluate", run.toString(), "--source", "validation");
        assertThat(evaluation.exitCode()).as(evaluation.toString()).isZero();
        assertThat(evaluation.stdout()).containsPattern("token accuracy 0\\.\\d{4} \\(\\d+ of \\d+ tokens\\)  loss \\d\\.\\d{4}"
                + "  perplexity \\d+\\.\\d\\d");

        Path prompt = Files.writeString(temp.resolve("prompt.txt"), "ROMEO:\n" + "But soft, what light through yonder"
                + " window breaks? It is the east, and Juliet is th");
        CommandResult prediction = distribution.run(temp, "predict", run.toString(), prompt.toString());
        assertThat(prediction.exitCode()).as(prediction.toString()).isZero();
        assertThat(prediction.stdout()).contains("next character after \"st, and Juliet is th\":")
                .containsPattern("\\n  '.'\\s+0\\.\\d{4}");
    }

    @Test
    void sequencesWithALabelPerStepTrainAPerStepTagger() throws IOException {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            int length = 3 + i % 6;
            StringBuilder steps = new StringBuilder();
            StringBuilder labels = new StringBuilder();
            for (int t = 0; t < length; t++) {
                int token = (i * 7 + t * 3) % 10;
                steps.append(t == 0 ? "" : ", ").append(token);
                labels.append(t == 0 ? "" : ", ").append(token % 2);
            }
            lines.append("{\"steps\": [").append(steps).append("], \"label\": [").append(labels).append("]}\n");
        }
        Files.writeString(temp.resolve("tags.jsonl"), lines);
        Path config = RunConfigs.write(temp, "tagger.yaml", """
                seed: 0
                data:
                  train: {format: sequences, path: tags.jsonl, labels: step, vocabulary: 10, length: 8}
                  validation: {split: 0.25}
                model:
                  input: [8]
                  layers:
                    - {type: embedding, vocabulary: 10, dim: 4}
                    - {type: dense, units: 2}
                loss: cross_entropy
                optimizer: {name: adam, lr: 0.1}
                training: {epochs: 15, batch_size: 8}
                """);

        CommandResult training = distribution.run(temp, "train", config.toString(), "--out", temp.resolve("runs").toString());

        assertThat(training.exitCode()).as(training.toString()).isZero();
        // odd or even is a function of the token: the tagger learns it exactly
        assertThat(training.stdout()).contains("epoch 15/15").containsPattern("val_acc 1\\.0000");
    }

    @Test
    void windowsOverATimeSeriesTrainAForecast() throws IOException {
        StringBuilder csv = new StringBuilder("t,value\n");
        for (int t = 0; t < 200; t++) {
            csv.append(t).append(',').append(String.format(Locale.ROOT, "%.4f", Math.sin(t * 0.3))).append('\n');
        }
        Files.writeString(temp.resolve("series.csv"), csv);
        Path config = RunConfigs.write(temp, "forecast.yaml", """
                seed: 0
                data:
                  train: {format: windows, path: series.csv, window: 6, target: value}
                  validation: {split: 0.2}
                model:
                  input: [6, 2]
                  layers:
                    - {type: reshape, shape: [12]}
                    - {type: dense, units: 1}
                loss: mse
                optimizer: {name: adam, lr: 0.01}
                training: {epochs: 3, batch_size: 16}
                """);

        CommandResult training = distribution.run(temp, "train", config.toString(), "--out", temp.resolve("runs").toString());

        assertThat(training.exitCode()).as(training.toString()).isZero();
        assertThat(training.stdout()).contains("epoch 3/3", "val_loss");
        Path run = RunConfigs.onlyRunFolder(temp.resolve("runs"));
        // the saved config names the series by its absolute path, so it runs from anywhere
        assertThat(Files.readString(run.resolve("config.yaml"))).contains(temp.resolve("series.csv").toString());
    }

    @Test
    void sequencesPaddedPerBatchTrainARegressionAtEveryStep() throws IOException {
        // sequences of 2 to 9 steps of one value; the target at each step is the running sum so far
        StringBuilder lines = new StringBuilder();
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < 96; i++) {
            int length = 2 + random.nextInt(8);
            StringBuilder steps = new StringBuilder();
            StringBuilder sums = new StringBuilder();
            double sum = 0;
            for (int t = 0; t < length; t++) {
                double x = Math.round(random.nextGaussian() * 100) / 200.0;
                sum += x;
                steps.append(t == 0 ? "" : ", ").append('[').append(x).append(']');
                sums.append(t == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.3f", sum));
            }
            lines.append("{\"steps\": [").append(steps).append("], \"label\": [").append(sums).append("]}\n");
        }
        Files.writeString(temp.resolve("sums.jsonl"), lines);
        Path config = RunConfigs.write(temp, "sums.yaml", """
                seed: 0
                data:
                  train: {format: sequences, path: sums.jsonl, features: 1, labels: step_values}
                  validation: {split: 0.25}
                model:
                  input: [9, 1]
                  layers:
                    - {type: gru, hidden_size: 16, return_sequences: true}
                    - {type: dense, units: 1}
                loss: mse
                optimizer: {name: adam, lr: 0.02}
                training: {epochs: 12, batch_size: 8}
                """);

        CommandResult training = distribution.run(temp, "train", config.toString(), "--out", temp.resolve("runs").toString());

        assertThat(training.exitCode()).as(training.toString()).isZero();
        assertThat(training.stdout()).contains("epoch 12/12");
        java.util.List<String> metrics = Files.readAllLines(RunConfigs.onlyRunFolder(temp.resolve("runs"))
                .resolve("metrics.csv"));
        int column = java.util.List.of(metrics.get(0).split(",")).indexOf("val_loss");
        double first = Double.parseDouble(metrics.get(1).split(",")[column]);
        double last = Double.parseDouble(metrics.get(12).split(",")[column]);
        // padded steps (NaN targets) count for nothing, so the loss is finite and the running sum is learned
        assertThat(last).as("validation mse of epoch 12 against epoch 1's " + first).isLessThan(first / 4);
    }
}
