package org.neurite.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * One short training run through bin/neurite, then what a person does with its results: evaluate
 * and predict with the saved model, resume an interrupted run, and get a clear message for a
 * damaged model file.
 */
class TrainingRunTest extends TrainedOnce {

    TrainingRunTest() {
        super("spirals.yaml", RunConfigs.SPIRALS);
    }

    @Test
    void trainingFillsTheRunFolder() throws IOException {
        assertThat(run.getFileName().toString()).startsWith("spirals-");
        assertThat(run.resolve("config.yaml")).isRegularFile();
        assertThat(run.resolve("model.json")).isRegularFile();
        assertThat(run.resolve("train.log")).isRegularFile();
        assertThat(run.resolve("learning-curves.png")).isRegularFile();
        assertThat(Files.readAllBytes(run.resolve("learning-curves.png"))).startsWith(0x89, 'P', 'N', 'G');
        List<String> metrics = Files.readAllLines(run.resolve("metrics.csv"));
        assertThat(metrics).hasSize(1 + 3 + 1);
        assertThat(metrics.get(0)).contains("epoch", "loss", "accuracy", "seconds");
        // the last row is the final model's test result, as printed
        assertThat(metrics.get(4)).startsWith("test,").endsWith(",,,,");
        assertThat(run.resolve("checkpoints")).isDirectoryContaining("glob:**/epoch-003.state.json");
        // Plain lines, not a progress bar: the output is not a terminal.
        assertThat(training.stdout()).doesNotContain("\r");
    }

    @Test
    void evaluatePrintsTheAccuracyThatTrainingReportedWithPerClassFiguresAndTheConfusionMatrix() {
        String accuracy = RunConfigs.find(training.stdout(), "test accuracy (\\d\\.\\d+)");

        CommandResult evaluation = distribution.run(temp, "evaluate", run.toString(), "--data", config.toString());

        assertThat(evaluation.exitCode()).as(evaluation.toString()).isZero();
        assertThat(evaluation.stdout()).contains("accuracy " + accuracy, "precision", "recall", "confusion matrix");
    }

    @Test
    void predictPrintsAClassAndProbabilitiesThatSumToOnePerRow() throws IOException {
        Path input = Files.writeString(temp.resolve("points.json"), "[[0.1, 0.2], [1.5, -1.0], [-0.7, 0.4]]");

        CommandResult prediction = distribution.run(temp, "predict", run.resolve("model.json").toString(),
                input.toString());

        assertThat(prediction.exitCode()).as(prediction.toString()).isZero();
        List<String> rows = prediction.stdout().lines().filter(l -> l.matches("\\s*\\d+\\s+[01]\\s+.*")).toList();
        assertThat(rows).as(prediction.stdout()).hasSize(3);
        for (String row : rows) {
            String[] fields = row.trim().split("\\s+");
            double p0 = Double.parseDouble(fields[2]);
            double p1 = Double.parseDouble(fields[3]);
            assertThat(p0 + p1).isCloseTo(1.0, org.assertj.core.data.Offset.offset(2e-4));
            assertThat(fields[1]).isEqualTo(p1 > p0 ? "1" : "0");
        }
    }

    @Test
    void resumeContinuesAnInterruptedRunFromItsLastCompleteCheckpointToTheSameResult() throws IOException {
        // as if killed during the third epoch: its checkpoint and the final model were never written
        Path interrupted = RunConfigs.interruptedCopy(run, temp.resolve("interrupted"));

        CommandResult resumed = distribution.run(temp, "train", "--resume", interrupted.toString());

        assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
        assertThat(resumed.stdout()).contains("epoch 3/3").doesNotContain("epoch 1/3", "epoch 2/3");
        assertThat(interrupted.resolve("model.json")).isRegularFile();
        List<String> original = Files.readAllLines(run.resolve("metrics.csv"));
        List<String> continued = Files.readAllLines(interrupted.resolve("metrics.csv"));
        assertThat(continued).hasSize(original.size());
        // Same seed, same batches: the resumed third epoch has the loss of the uninterrupted one.
        assertThat(continued.get(3).split(",")[1]).isEqualTo(original.get(3).split(",")[1]);
    }

    @Test
    void aTruncatedModelFileFailsTheRunWithAMessageNamingTheFile() throws IOException {
        Path damaged = Files.createDirectories(temp.resolve("damaged"));
        Files.copy(run.resolve("model.json"), damaged.resolve("model.json"));
        Files.copy(run.resolve("model.safetensors"), damaged.resolve("model.safetensors"));
        Path weights = damaged.resolve("model.safetensors");
        byte[] bytes = Files.readAllBytes(weights);
        Files.write(weights, java.util.Arrays.copyOf(bytes, bytes.length - 12));

        CommandResult evaluation = distribution.run(temp, "evaluate", damaged.toString(), "--data", config.toString());

        assertThat(evaluation.exitCode()).as(evaluation.toString()).isEqualTo(1);
        assertThat(evaluation.stderr()).contains("model.safetensors").doesNotContain("\tat ");
    }
}
