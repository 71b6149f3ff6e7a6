package org.neurite.engine.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.api.Mode;
import org.neurite.api.Shape;
import org.neurite.engine.CpuBackend;
import org.neurite.engine.io.FileFormatException;
import org.neurite.engine.nn.Sequential;
import org.neurite.engine.registry.Components;

class PredictorTest {

    private static final List<String> NAMES = List.of("cat", "dog", "bird");

    @TempDir
    Path dir;

    private static Sequential network(int inputs) {
        return Sequential.builder(Shape.of(inputs)).seed(3)
                .add("dense", Map.of("units", 64, "activation", "relu"))
                .add("dense", Map.of("units", 3))
                .build();
    }

    private Path saved(Sequential network, String loss) throws Exception {
        Path run = Files.createDirectories(dir.resolve("run"));
        Predictor.save(run.resolve("model.json"), network, Preprocessing.scale(255), NAMES, loss);
        return run;
    }

    private static float[] raw(SplittableRandom random, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = random.nextInt(256);
        }
        return x;
    }

    @Test
    void aRunFolderGivesClassProbabilitiesOfTheScaledInput() throws Exception {
        Sequential network = network(4);
        Predictor model = Predictor.load(saved(network, "cross_entropy"));
        float[] input = {255, 0, 51, 102};

        Prediction p = model.predict(input);

        float[] logits = network.forward(CpuBackend.instance().tensor(new float[] {1, 0, 0.2f, 0.4f}, Shape.of(1, 4)),
                Mode.INFERENCE).toArray();
        double sum = Math.exp(logits[0]) + Math.exp(logits[1]) + Math.exp(logits[2]);
        for (int c = 0; c < 3; c++) {
            assertThat(p.probabilities()[c]).isCloseTo((float) (Math.exp(logits[c]) / sum), org.assertj.core.data.Offset.offset(1e-5f));
        }
        int best = logits[0] >= logits[1] && logits[0] >= logits[2] ? 0 : logits[1] >= logits[2] ? 1 : 2;
        assertThat(p.index()).isEqualTo(best);
        assertThat(p.name()).isEqualTo(NAMES.get(best));
        assertThat(input).as("the caller's array is left alone").containsExactly(255, 0, 51, 102);
        assertThat(model.classNames()).isEqualTo(NAMES);
        assertThat(model.inputShape()).isEqualTo(Shape.of(4));
    }

    @Test
    void batchesTensorsCsvAndJsonRowsGiveTheSameAnswers() throws Exception {
        Predictor model = Predictor.load(saved(network(4), "cross_entropy").resolve("model.json"));
        float[][] rows = {{255, 0, 51, 102}, {3, 200, 7, 90}, {0, 0, 0, 0}};
        List<Prediction> batch = model.predictBatch(rows);
        for (int i = 0; i < rows.length; i++) {
            assertThat(batch.get(i)).isEqualTo(model.predict(rows[i]));
        }
        float[] flat = {255, 0, 51, 102, 3, 200, 7, 90, 0, 0, 0, 0};
        assertThat(model.predict(CpuBackend.instance().tensor(flat, Shape.of(3, 4)))).isEqualTo(batch);
        assertThat(model.predict(CpuBackend.instance().tensor(rows[1], Shape.of(4)))).containsExactly(batch.get(1));
        assertThat(model.predictCsv("3, 200,7,90")).isEqualTo(batch.get(1));
        assertThat(model.predictJson("[3, 200, 7, 90]")).isEqualTo(batch.get(1));
    }

    @Test
    void eightThreadsGetTheAnswersOfOne() throws Exception {
        Predictor model = Predictor.load(saved(network(784), "cross_entropy"));
        SplittableRandom random = new SplittableRandom(7);
        List<float[][]> batches = new ArrayList<>();
        for (int b = 0; b < 24; b++) {
            float[][] rows = new float[b % 3 == 0 ? 1 : 64][];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = raw(random, 784);
            }
            batches.add(rows);
        }
        List<List<Prediction>> alone = batches.stream().map(model::predictBatch).toList();

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<List<Prediction>>>> threads = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                threads.add(pool.submit(() -> {
                    List<List<Prediction>> mine = new ArrayList<>();
                    for (int round = 0; round < 3; round++) {
                        for (float[][] rows : batches) {
                            mine.add(model.predictBatch(rows));
                        }
                    }
                    return mine;
                }));
            }
            for (Future<List<List<Prediction>>> thread : threads) {
                List<List<Prediction>> mine = thread.get();
                for (int i = 0; i < mine.size(); i++) {
                    assertThat(mine.get(i)).isEqualTo(alone.get(i % batches.size()));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void wrongInputsNameExpectedAndGot() throws Exception {
        Predictor model = Predictor.load(saved(network(4), "cross_entropy"));
        assertThatThrownBy(() -> model.predict(new float[3]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("input has 3 values, expected 4 (input shape [4])");
        assertThatThrownBy(() -> model.predictBatch(new float[][] {new float[4], new float[5]}))
                .hasMessage("inputs[1] has 5 values, expected 4 (input shape [4])");
        assertThatThrownBy(() -> model.predict(CpuBackend.instance().tensor(new float[8], Shape.of(2, 2, 2))))
                .hasMessage("input tensor of shape [2, 2, 2]: expected [4] or [batch, 4]");
        assertThatThrownBy(() -> model.predictCsv("1,2,x,4"))
                .hasMessage("CSV row, column 3: expected a number, got 'x'");
        assertThatThrownBy(() -> model.predictCsv("1,2,3"))
                .hasMessage("CSV row has 3 values, expected 4");
        assertThatThrownBy(() -> model.predictJson("{\"a\": 1}"))
                .hasMessage("JSON row: expected an array of 4 numbers, got an object");
        assertThatThrownBy(() -> model.predictJson("[1, \"2\", 3, 4]"))
                .hasMessage("JSON row [1]: expected a number, got \"2\"");
    }

    @Test
    void aFolderMissingAFileSaysWhichAndWhy() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThatThrownBy(() -> Predictor.load(empty))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessage(empty.resolve("model.json") + ": the folder " + empty + " has no model.json: it is not a run"
                        + " folder, or its run did not finish");
        Path run = saved(network(4), "cross_entropy");
        Files.delete(run.resolve("model.safetensors"));
        assertThatThrownBy(() -> Predictor.load(run))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("model.safetensors")
                .hasMessageContaining("the weights file that " + run.resolve("model.json") + " names is missing");
        assertThatThrownBy(() -> Predictor.load(dir.resolve("nowhere.json")))
                .hasMessage(dir.resolve("nowhere.json") + ": no such model file or run folder");
        Path weights = saved(network(4), "cross_entropy").resolve("model.safetensors");
        assertThatThrownBy(() -> Predictor.load(weights))
                .isInstanceOf(FileFormatException.class)
                .hasMessage(weights + ": is a weights file: give the model's JSON file beside it (model.json in a"
                        + " run folder) or its run folder");
    }

    @Test
    void aModelNeedingAnUnregisteredProviderNamesIt() throws Exception {
        Path run = saved(network(4), "cross_entropy");
        Components withoutDense = Components.empty();
        assertThatThrownBy(() -> Predictor.load(run, withoutDense))
                .isInstanceOf(FileFormatException.class)
                .hasMessageContaining("unknown layer type 'dense'");
    }

    @Test
    void aModelBuiltWithAPluginNamesThePluginWhenItsProvidersAreMissing() throws Exception {
        Path run = Files.createDirectories(dir.resolve("plugin-run"));
        org.neurite.engine.io.ModelFile.save(run.resolve("model.json"), network(4), Map.of("loss", "cross_entropy",
                "plugins", List.of(Map.of("id", "mish", "version", "1.0.0"))));
        assertThatThrownBy(() -> Predictor.load(run, Components.empty()))
                .isInstanceOf(FileFormatException.class)
                .hasMessageContaining("the model was built with plugin 'mish' 1.0.0, whose providers are not registered:"
                        + " load its zip (neurite-plugin-loader's PluginSet) or register its providers")
                .hasMessageContaining("unknown layer type 'dense'");
    }

    @Test
    void nullInputsAreNamedNotBareNullPointers() throws Exception {
        Predictor model = Predictor.load(saved(network(4), "cross_entropy"));
        assertThatThrownBy(() -> model.predict((float[]) null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("input is null, expected 4 values (input shape [4])");
        assertThatThrownBy(() -> model.predictBatch(new float[][] {new float[4], null}))
                .hasMessage("inputs[1] is null, expected 4 values (input shape [4])");
        assertThatThrownBy(() -> model.predictJson("[1, true, 3, 4]"))
                .hasMessage("JSON row [1]: expected a number, got true");
        assertThatThrownBy(() -> model.predictBatch(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("inputs is null");
        assertThatThrownBy(() -> model.predict((org.neurite.api.Tensor) null)).hasMessage("input tensor is null");
        assertThatThrownBy(() -> model.predictCsv(null)).hasMessage("CSV row is null");
        assertThatThrownBy(() -> model.predictJson(null)).hasMessage("JSON row is null");
        assertThatThrownBy(() -> Predictor.load(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the model's path is null");
    }

    @Test
    void valuesThatAreNotFiniteAreRefusedNamingWhereTheyAre() throws Exception {
        Predictor model = Predictor.load(saved(network(4), "cross_entropy"));
        assertThatThrownBy(() -> model.predict(new float[] {1, Float.NaN, 3, 4}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("input[1] is NaN: inputs must be finite numbers");
        float[][] batch = new float[300][4];
        batch[257][3] = Float.POSITIVE_INFINITY;
        assertThatThrownBy(() -> model.predictBatch(batch)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("inputs[257][3] is Infinity: inputs must be finite numbers");
        assertThatThrownBy(() -> model.predict(CpuBackend.instance().tensor(new float[] {0, 0, Float.NaN, 0, 0, 0, 0, 0},
                Shape.of(2, 4)))).hasMessage("input tensor (flattened)[2] is NaN: inputs must be finite numbers");
    }

    @Test
    void imageFilesArePredictedAsTheirRawPixelsAndAWrongSizeIsNamed() throws Exception {
        Sequential network = Sequential.builder(Shape.of(1, 3, 2)).seed(1)
                .add("flatten", Map.of())
                .add("dense", Map.of("units", 3))
                .build();
        Path run = Files.createDirectories(dir.resolve("images"));
        Predictor.save(run.resolve("model.json"), network, Preprocessing.scale(255), NAMES, "cross_entropy");
        Predictor model = Predictor.load(run);
        int[] grey = {0, 40, 80, 120, 160, 255};
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(2, 3,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < grey.length; i++) {
            image.setRGB(i % 2, i / 2, grey[i] << 16 | grey[i] << 8 | grey[i]);
        }
        Path png = dir.resolve("a.png");
        javax.imageio.ImageIO.write(image, "png", png.toFile());

        Prediction one = model.predictImage(png);
        assertThat(one).isEqualTo(model.predict(new float[] {0, 40, 80, 120, 160, 255}));
        assertThat(model.predictImages(List.of(png, png))).containsExactly(one, one);

        Path wide = dir.resolve("wide.png");
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(3, 3, java.awt.image.BufferedImage.TYPE_INT_RGB),
                "png", wide.toFile());
        assertThatThrownBy(() -> model.predictImage(wide))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(wide + ": the image is 3x3 pixels (width x height), but the model takes 2x3 images (input"
                        + " [1, 3, 2]) and its pre-processing does not resize; resize the image first");
        Path text = Files.writeString(dir.resolve("b.png"), "not an image");
        assertThatThrownBy(() -> model.predictImage(text))
                .isInstanceOf(FileFormatException.class)
                .hasMessage(text + ": header: not an image ImageIO can read (PNG, JPEG, GIF, BMP)");
        Path damaged = dir.resolve("damaged.png");
        Files.write(damaged, java.util.Arrays.copyOf(Files.readAllBytes(png), 20));
        assertThatThrownBy(() -> model.predictImage(damaged))
                .isInstanceOf(FileFormatException.class)
                .hasMessageStartingWith(damaged + ": cannot be read as an image (");
        assertThatThrownBy(() -> model.predictImage(dir.resolve("none.png")))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessage(dir.resolve("none.png").toString());
        assertThatThrownBy(() -> Predictor.load(saved(network(4), "cross_entropy")).predictImage(png))
                .hasMessageStartingWith("the model's input [4] is not an image");
    }

    @Test
    void perChannelStatisticsNormaliseEachChannelsPlane() {
        // two inputs [2 channels, 1, 2]: channel 0 holds 1, 3, 5, 7; channel 1 is constant
        float[] values = {1, 3, 9, 9, 5, 7, 9, 9};
        Preprocessing p = Preprocessing.fit(1, values, Shape.of(2, 1, 2), Preprocessing.Normalization.PER_CHANNEL);
        assertThat(p.mean()).containsExactly(4, 9);
        assertThat(p.std()[0]).isCloseTo((float) Math.sqrt(5), org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(p.std()[1]).as("a constant channel is only centred").isEqualTo(1);
        p.normalize(values, 4);
        assertThat(values[0]).isCloseTo((float) (-3 / Math.sqrt(5)), org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(values[2]).isZero();
        assertThat(Preprocessing.Normalization.PER_CHANNEL.groups(Shape.of(28, 28))).isEqualTo(1);
        assertThat(Preprocessing.Normalization.PER_FEATURE.groups(Shape.of(28, 28))).isEqualTo(784);
        assertThat(Preprocessing.fromJson(p.toJson(), "m.json")).isEqualTo(p);
    }

    @Test
    void aRegressionModelIsNotAClassifierAndNamesMustFitTheClasses() throws Exception {
        Path run = saved(network(4), "mse");
        assertThatThrownBy(() -> Predictor.load(run))
                .isInstanceOf(FileFormatException.class)
                .hasMessageContaining("the model was trained with the loss 'mse', so it is not a classifier");
        assertThatThrownBy(() -> Predictor.of(network(4), Preprocessing.NONE, List.of("a", "b"), null))
                .hasMessage("model: 2 class names for 3 classes");
    }

    @Test
    void preprocessingNormalisesPerFeatureAndRoundTrips() {
        Preprocessing p = new Preprocessing(2, new float[] {1, 0}, new float[] {0.5f, 2});
        float[] values = {4, 4, 6, 8};
        p.apply(values, 2);
        assertThat(values).containsExactly(2, 1, 4, 2);
        Preprocessing back = Preprocessing.fromJson(p.toJson(), "m.json");
        assertThat(back.scale()).isEqualTo(2);
        assertThat(back.mean()).containsExactly(1, 0);
        assertThat(back.std()).containsExactly(0.5f, 2);
        assertThatThrownBy(() -> Preprocessing.fromJson(Map.of("scale", "x"), "m.json"))
                .hasMessage("m.json: preprocessing.scale: expected a number, found x");
        assertThatThrownBy(() -> Preprocessing.fromJson(Map.of("scale", 0), "m.json"))
                .hasMessage("m.json: preprocessing.scale: expected a positive number, got 0.0");
    }
}
