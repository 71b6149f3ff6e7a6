package org.neurite.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateCommandTest {

    /** Noisy spirals a small model learns only in part, so that the accuracy is not a round figure. */
    private static final String SPIRALS = """
            name: spirals
            seed: 2
            data:
              train: {format: synthetic, name: spirals, samples: 120, noise: 0.05}
              test: {format: synthetic, name: spirals, samples: 60, noise: 0.05}
            model:
              input: [2]
              layers:
                - {type: dense, units: 16, activation: tanh}
                - {type: dense, units: 2}
            loss: cross_entropy
            optimizer: {name: adam, lr: 0.02}
            training: {epochs: 8, batch_size: 16, checkpoint_every: 4}
            """;

    private static final Pattern TEST_LINE = Pattern.compile("test (accuracy \\S+ \\(\\d+ of \\d+\\)  loss \\S+)");

    @TempDir
    static Path dir;

    private static Path run;
    private static String testLine;

    /** Trains once; every test evaluates the same run folder without changing it. */
    @BeforeAll
    static void train() throws IOException {
        Path config = dir.resolve("spirals.yaml");
        Files.writeString(config, SPIRALS);
        CommandRunner train = new CommandRunner(new TrainCommand(), config.toString(),
                "--out", dir.resolve("runs").toString());
        assertThat(train.exitCode).as(train.err()).isZero();
        Matcher m = TEST_LINE.matcher(train.out());
        assertThat(m.find()).as(train.out()).isTrue();
        testLine = m.group(1);
        try (Stream<Path> runs = Files.list(dir.resolve("runs"))) {
            run = runs.findFirst().orElseThrow();
        }
    }

    private CommandRunner evaluate(String... args) {
        return new CommandRunner(new EvaluateCommand(), args);
    }

    @Test
    void printsTheSameAccuracyAsTrainingDidOnTheRunsTestData() throws IOException {
        CommandRunner r = evaluate(run.toString());

        assertThat(r.exitCode).as(r.err()).isZero();
        assertThat(r.out()).contains(System.lineSeparator() + testLine + System.lineSeparator())
                .contains("data  data.test of " + run.resolve("config.yaml") + ": 60 samples")
                .contains("class  precision  recall      f1  samples")
                .containsPattern("    macro avg  +0\\.\\d{4}  0\\.\\d{4}  0\\.\\d{4}       60")
                .containsPattern(" weighted avg  +0\\.\\d{4}  0\\.\\d{4}  0\\.\\d{4}       60")
                .contains("confusion matrix (rows: true class, columns: predicted class)");
    }

    @Test
    void measuresAnyCheckpointOfTheRun() {
        CommandRunner last = evaluate(run.toString(), "--checkpoint", "epoch-008");
        CommandRunner earlier = evaluate(run.toString(), "--checkpoint", "4");
        CommandRunner missing = evaluate(run.toString(), "--checkpoint", "epoch-003");

        // the final model is the last epoch's weights
        assertThat(last.exitCode).as(last.err()).isZero();
        assertThat(last.out()).contains(System.lineSeparator() + testLine + System.lineSeparator())
                .contains("model " + run.resolve("checkpoints").resolve("epoch-008.weights.safetensors"));
        assertThat(earlier.exitCode).as(earlier.err()).isZero();
        assertThat(earlier.out()).contains("epoch-004.weights.safetensors").containsPattern("accuracy \\S+ \\(\\d+ of 60\\)");
        assertThat(missing.exitCode).isEqualTo(ExitCodes.USAGE);
        assertThat(missing.err()).contains("--checkpoint: no complete checkpoint 'epoch-003' in ")
                .contains("it has epoch-004, epoch-008");
    }

    @Test
    void aCheckpointOfARunThatHasNotFinishedIsMeasuredWithTheRunsConfig() throws IOException {
        Path unfinished = dir.resolve("unfinished");
        Files.createDirectories(unfinished.resolve("checkpoints"));
        Files.copy(run.resolve("config.yaml"), unfinished.resolve("config.yaml"));
        for (String part : new String[] {".weights.safetensors", ".optimizer.safetensors", ".state.json"}) {
            Files.copy(run.resolve("checkpoints").resolve("epoch-008" + part),
                    unfinished.resolve("checkpoints").resolve("epoch-008" + part));
        }

        CommandRunner r = evaluate(unfinished.toString(), "--checkpoint", "latest");

        assertThat(r.exitCode).as(r.err()).isZero();
        assertThat(r.out()).contains(System.lineSeparator() + testLine + System.lineSeparator());
    }

    @Test
    void takesTheDataOfAConfigOrACsvFile() throws IOException {
        Path csv = dir.resolve("points.csv");
        Files.writeString(csv, "x,y,label\n0.1,0.0,0\n-0.1,0.0,1\n0.5,0.5,1\n");

        CommandRunner fromConfig = evaluate(run.resolve("model.json").toString(), "--data",
                dir.resolve("spirals.yaml").toString());
        CommandRunner fromCsv = evaluate(run.toString(), "--csv", csv.toString(), "--label", "label");

        assertThat(fromConfig.exitCode).as(fromConfig.err()).isZero();
        assertThat(fromConfig.out()).contains(testLine);
        assertThat(fromCsv.exitCode).as(fromCsv.err()).isZero();
        assertThat(fromCsv.out()).containsPattern("accuracy \\S+ \\(\\d of 3\\)");
    }

    @Test
    void aSourceTheConfigDoesNotHaveOrDoesNotKnowIsAUsageError() {
        CommandRunner none = evaluate(run.toString(), "--source", "validation");
        CommandRunner unknown = evaluate(run.toString(), "--source", "holdout");

        assertThat(none.exitCode).isEqualTo(ExitCodes.USAGE);
        assertThat(none.err().trim()).isEqualTo(run.resolve("config.yaml") + ": has no data.validation to evaluate"
                + " on; choose another with --source");
        assertThat(unknown.exitCode).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.err().trim()).isEqualTo("--source: expected test, validation or train, got \"holdout\"");
    }

    @Test
    void aModelFileWithoutDataIsAUsageError() throws IOException {
        CommandRunner r = evaluate(run.resolve("model.json").toString());

        assertThat(r.exitCode).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("is a model file: give its data with --data CONFIG");
    }

    @Test
    void theWeightsFileGivenAsTheModelIsAUsageErrorSayingWhatToGive() {
        Path weights = run.resolve("model.safetensors");
        CommandRunner r = evaluate(weights.toString());

        assertThat(r.exitCode).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err().trim()).isEqualTo(weights + ": is a weights file: give the model's JSON file beside it"
                + " (model.json in a run folder) or its run folder");
    }

    @Test
    void dataThatDoesNotFitTheModelIsNamed() throws IOException {
        Path csv = dir.resolve("wide.csv");
        Files.writeString(csv, "a,b,c,label\n1,2,3,0\n");

        CommandRunner r = evaluate(run.toString(), "--csv", csv.toString());

        assertThat(r.exitCode).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err().trim()).isEqualTo("--csv: samples of shape [3] (3 values) from " + csv
                + " do not fit model.input [2] (2 values)");
    }

    @Test
    void printsTheMeasuresAsJsonOrCsvForPrograms() {
        CommandRunner json = evaluate(run.toString(), "--format", "json");
        CommandRunner csv = evaluate(run.toString(), "--format", "csv");

        assertThat(json.exitCode).as(json.err()).isZero();
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> doc = (java.util.Map<String, Object>) org.neurite.engine.io.Json.read(json.out());
        assertThat(doc.keySet()).contains("model", "data", "loss", "accuracy", "macro_f1", "weighted_f1", "classes");
        assertThat(doc.get("samples")).isEqualTo(60L);
        double accuracy = (Double) doc.get("accuracy");
        assertThat(testLine).startsWith(String.format(java.util.Locale.ROOT, "accuracy %.4f", accuracy));
        assertThat((java.util.List<?>) doc.get("classes")).hasSize(2);

        assertThat(csv.exitCode).as(csv.err()).isZero();
        assertThat(csv.out()).startsWith("measure,class,value\nsamples,,60\nloss,,")
                .contains("\naccuracy,," + accuracy + "\n", "\nf1,1,", "\nsupport,0,");
    }

    @Test
    void anUnknownOutputFormatIsAUsageError() {
        CommandRunner r = evaluate(run.toString(), "--format", "xml");

        assertThat(r.exitCode).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err().trim()).isEqualTo("--format: expected text, json or csv, got \"xml\"");
    }
}
