package org.neurite.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictCommandTest {

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    private static Path trainedRun;

    private Path run;

    /** Trains once for all tests; each test gets its own copy of the run folder, which it may damage. */
    @BeforeAll
    static void trainXor() throws IOException {
        Path config = shared.resolve("xor.yaml");
        Files.writeString(config, TrainCommandTest.XOR);
        CommandRunner train = new CommandRunner(new TrainCommand(), config.toString(),
                "--out", shared.resolve("runs").toString(), "--set", "training.checkpoint_every=0");
        assertThat(train.exitCode).as(train.err()).isZero();
        try (Stream<Path> runs = Files.list(shared.resolve("runs"))) {
            trainedRun = runs.findFirst().orElseThrow();
        }
    }

    @BeforeEach
    void copyRun() throws IOException {
        run = dir.resolve("run");
        Files.createDirectories(run);
        try (Stream<Path> files = Files.list(trainedRun)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, run.resolve(f.getFileName().toString()));
            }
        }
    }

    private CommandRunner predict(String... args) {
        return new CommandRunner(new PredictCommand(), args);
    }

    /** The class column of each printed row, after the header. */
    private static List<String> classes(String out) {
        return out.lines().skip(1).map(l -> l.trim().split("\\s+")[1]).toList();
    }

    @Test
    void printsClassAndProbabilitiesOfJsonRows() throws IOException {
        Path rows = Files.writeString(dir.resolve("rows.json"), "[[0, 0], [0, 1], [1, 0], [1, 1]]");

        CommandRunner r = predict(run.toString(), rows.toString());

        assertThat(r.exitCode).as(r.err()).isZero();
        assertThat(r.out().lines().findFirst().orElseThrow().trim().split("\\s+"))
                .containsExactly("row", "class", "p(0)", "p(1)");
        assertThat(classes(r.out())).containsExactly("0", "1", "1", "0");
        r.out().lines().skip(1).forEach(line -> {
            double[] p = Arrays.stream(line.trim().split("\\s+")).skip(2).mapToDouble(Double::parseDouble).toArray();
            assertThat(p[0] + p[1]).isCloseTo(1.0, org.assertj.core.data.Offset.offset(2e-4));
        });
    }

    @Test
    void readsCsvRowsWithOrWithoutAHeader() throws IOException {
        Path withHeader = Files.writeString(dir.resolve("a.csv"), "x,y\n1,1\n0,1\n");
        Path plain = Files.writeString(dir.resolve("b.csv"), "0,0\n1,0\n");

        CommandRunner a = predict(run.resolve("model.json").toString(), withHeader.toString());
        CommandRunner b = predict(run.toString(), plain.toString());

        assertThat(classes(a.out())).containsExactly("0", "1");
        assertThat(classes(b.out())).containsExactly("0", "1");
    }

    @Test
    void aFileWithoutSamplesOrAMissingFileIsNamed() throws IOException {
        Path header = Files.writeString(dir.resolve("notes.txt"), "only a line of words\n");

        CommandRunner noRows = predict(run.toString(), header.toString());
        CommandRunner noImage = predict(run.toString(), dir.resolve("none.png").toString());
        CommandRunner noCsv = predict(run.toString(), dir.resolve("none.csv").toString());

        assertThat(noRows.exitCode).isEqualTo(ExitCodes.RUN_FAILED);
        assertThat(noRows.out()).isEmpty();
        assertThat(noRows.err().trim()).isEqualTo("neurite predict: " + header + ": holds no samples to predict (a first"
                + " line that is not numbers is taken for the column names)");
        assertThat(noImage.exitCode).isEqualTo(ExitCodes.USAGE);
        assertThat(noImage.err().trim()).isEqualTo(dir.resolve("none.png") + ": no such input file");
        assertThat(noCsv.exitCode).isEqualTo(ExitCodes.USAGE);
        assertThat(noCsv.err().trim()).isEqualTo(dir.resolve("none.csv") + ": no such input file");
    }

    @Test
    void aRowOfTheWrongLengthIsNamed() throws IOException {
        Path rows = Files.writeString(dir.resolve("rows.json"), "[[0, 0], [0, 1, 1]]");

        CommandRunner r = predict(run.toString(), rows.toString());

        assertThat(r.exitCode).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err().trim()).isEqualTo(rows + ": row 2 has 3 values, but the model's input [2] takes 2");
    }

    @Test
    void aTruncatedModelFileFailsNamingTheFile() throws IOException {
        Path weights = run.resolve("model.safetensors");
        byte[] bytes = Files.readAllBytes(weights);
        Files.write(weights, Arrays.copyOf(bytes, bytes.length / 2));
        Path rows = Files.writeString(dir.resolve("rows.json"), "[[0, 0]]");

        CommandRunner r = predict(run.toString(), rows.toString());

        assertThat(r.exitCode).isEqualTo(ExitCodes.RUN_FAILED);
        assertThat(r.err()).startsWith("neurite predict: " + weights + ": ").doesNotContain("\tat ");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aRunFolderMissingAFileNamesIt() throws IOException {
        Path rows = Files.writeString(dir.resolve("rows.json"), "[[0, 0]]");
        Files.delete(run.resolve("model.safetensors"));

        CommandRunner r = predict(run.toString(), rows.toString());

        assertThat(r.exitCode).isEqualTo(ExitCodes.RUN_FAILED);
        assertThat(r.err().trim()).isEqualTo("neurite predict: " + run.resolve("model.safetensors") + ": no such file"
                + " (the weights file that " + run.resolve("model.json") + " names is missing)");
        Files.delete(run.resolve("model.json"));
        CommandRunner noModel = predict(run.toString(), rows.toString());
        assertThat(noModel.exitCode).isEqualTo(ExitCodes.USAGE);
        assertThat(noModel.err().trim()).isEqualTo(run + ": not a run folder with a trained model: "
                + run.resolve("model.json") + " is missing (the run may not have finished)");
    }

    @Test
    void imagesAndRowsAreNotMixedAndAModelOfTwoInputsTakesNoImage() throws IOException {
        Path rows = Files.writeString(dir.resolve("rows.json"), "[[0, 0]]");
        Path image = dir.resolve("a.png");
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(2, 1, java.awt.image.BufferedImage.TYPE_INT_RGB),
                "png", image.toFile());

        CommandRunner mixed = predict(run.toString(), rows.toString(), image.toString());
        assertThat(mixed.exitCode).isEqualTo(ExitCodes.USAGE);
        assertThat(mixed.err().trim()).isEqualTo(image + ": give one file of IDX samples, CSV or JSON rows, or image"
                + " files (.png, .jpg, .jpeg, .gif, .bmp) only");

        CommandRunner notAnImageModel = predict(run.toString(), image.toString());
        assertThat(notAnImageModel.exitCode).isEqualTo(ExitCodes.USAGE);
        assertThat(notAnImageModel.err().trim()).startsWith("the model's input [2] is not an image");
    }

    @Test
    void aTruncatedArchitectureFailsNamingTheFileAndLine() throws IOException {
        Path json = run.resolve("model.json");
        String text = Files.readString(json);
        Files.writeString(json, text.substring(0, text.length() / 2));
        Path rows = Files.writeString(dir.resolve("rows.json"), "[[0, 0]]");

        CommandRunner r = predict(run.toString(), rows.toString());

        assertThat(r.exitCode).isEqualTo(ExitCodes.RUN_FAILED);
        assertThat(r.err()).startsWith("neurite predict: " + json + ": line ");
    }

    @Test
    void printsPredictionsAsJsonOrCsv() throws IOException {
        Path rows = Files.writeString(dir.resolve("rows.json"), "[[0, 0], [1, 1]]");

        CommandRunner json = predict(run.toString(), rows.toString(), "--format", "json");
        CommandRunner csv = predict(run.toString(), rows.toString(), "--format", "csv");

        assertThat(json.exitCode).as(json.err()).isZero();
        java.util.List<?> list = (java.util.List<?>) org.neurite.engine.io.Json.read(json.out());
        assertThat(list).hasSize(2);
        assertThat(new java.util.ArrayList<Object>(((java.util.Map<?, ?>) list.get(0)).keySet()))
                .containsExactly("row", "class", "probabilities");
        assertThat(csv.exitCode).as(csv.err()).isZero();
        assertThat(csv.out().lines().toList()).hasSize(3).first().isEqualTo("row,class,p(0),p(1)");
    }

    @Test
    void aNumberBeyondTheFloatRangeIsRefusedNamingRowAndValue() throws IOException {
        Path rows = Files.writeString(dir.resolve("big.json"), "[[0, 0], [1, 1e39]]");

        CommandRunner r = predict(run.toString(), rows.toString());

        assertThat(r.exitCode).isEqualTo(ExitCodes.RUN_FAILED);
        assertThat(r.err().trim()).isEqualTo("neurite predict: " + rows + ": row 2, value 2: expected a number within"
                + " the float range (about ±3.4e38), found 1.0E39");
    }
}
