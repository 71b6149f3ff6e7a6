package org.neurite.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * A model graph of two named inputs through the assembled distribution: train from a config,
 * evaluate and predict with the saved model, resume an interrupted run; and graph configs that
 * cannot run, refused before training with one line at their file and line.
 */
class GraphRunTest extends TrainedOnce {

    GraphRunTest() {
        super("masked.yaml", RunConfigs.MASKED_GRAPH);
    }

    @Test
    void trainingSavesTheGraphWithItsInputsAndDottedParameterNames() throws IOException {
        String model = Files.readString(run.resolve("model.json"));
        String weights = new String(Files.readAllBytes(run.resolve("model.safetensors")), java.nio.charset.StandardCharsets.UTF_8);

        assertThat(model).contains("\"tokens\"", "\"dtype\": \"bool\"", "\"outputs\"", "\"residual\"");
        assertThat(weights).contains("block.0.weight", "block.1.bias", "embed.weight", "logits.weight");
        assertThat(Files.readString(run.resolve("train.log"))).contains("model: input tokens [8], mask [8], output [2]");
        assertThat(Double.parseDouble(RunConfigs.find(training.stdout(), "test accuracy (\\d\\.\\d+)"))).isGreaterThan(0.8);
    }

    @Test
    void evaluateMeasuresTheSavedGraphAsTrainingDid() {
        String accuracy = RunConfigs.find(training.stdout(), "test accuracy (\\d\\.\\d+)");

        CommandResult evaluation = distribution.run(temp, "evaluate", run.toString());

        assertThat(evaluation.exitCode()).as(evaluation.toString()).isZero();
        assertThat(evaluation.stdout()).contains("accuracy " + accuracy, "200 samples");
    }

    @Test
    void predictTakesJsonRowsWithOneEntryPerInput() throws IOException {
        Path rows = Files.writeString(temp.resolve("rows.json"), """
                [{"tokens": [1, 1, 0, 2, 0, 0, 0, 0], "mask": [1, 1, 1, 1, 0, 0, 0, 0]},
                 {"tokens": [0, 0, 1, 3, 1, 1, 1, 1], "mask": [1, 1, 1, 1, 0, 0, 0, 0]}]
                """);
        Path flat = Files.writeString(temp.resolve("flat.json"), "[[1, 1, 0, 2, 0, 0, 0, 0]]");

        CommandResult prediction = distribution.run(temp, "predict", run.toString(), rows.toString());
        CommandResult refused = distribution.run(temp, "predict", run.toString(), flat.toString());

        assertThat(prediction.exitCode()).as(prediction.toString()).isZero();
        assertThat(prediction.stdout().lines().filter(l -> l.matches("\\s*[12]\\s+[01]\\s+.*"))).hasSize(2);
        assertThat(refused.exitCode()).as(refused.toString()).isIn(1, 2);
        assertThat(refused.stderr()).contains("flat.json", "row 1", "tokens, mask").doesNotContain("\tat ");
    }

    @Test
    void resumeContinuesAnInterruptedGraphRunToTheSameResult() throws IOException {
        Path interrupted = RunConfigs.interruptedCopy(run, temp.resolve("interrupted"));

        CommandResult resumed = distribution.run(temp, "train", "--resume", interrupted.toString());

        assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
        assertThat(resumed.stdout()).contains("epoch 3/3").doesNotContain("epoch 2/3");
        List<String> original = Files.readAllLines(run.resolve("metrics.csv"));
        List<String> continued = Files.readAllLines(interrupted.resolve("metrics.csv"));
        assertThat(continued.get(3).split(",")[1]).isEqualTo(original.get(3).split(",")[1]);
    }

    @Test
    void anUnknownInputNameIsRefusedWithTheClosestName() {
        assertRefused("inputs: [embed, mask_steps]", "inputs: [embd, mask_steps]",
                "model.layers[2].inputs[0]: unknown input 'embd' (did you mean 'embed'?)");
    }

    @Test
    void aCycleIsRefusedNamingItsLayers() {
        assertRefused("{name: flat, type: flatten}", "{name: flat, type: flatten, inputs: [hidden]}",
                "model.layers[3].inputs: the layers form a cycle: flat -> features -> hidden -> flat");
    }

    @Test
    void aRepeatedLayerNameIsRefused() {
        assertRefused("{name: hidden, type: dense", "{name: flat, type: dense",
                "model.layers[5].name: 'flat' is already the name of model.layers[3]");
    }

    @Test
    void aMergeOfMismatchedShapesNamesTheLayerItsInputsAndBothShapes() {
        assertRefused("inputs: [hidden, block]", "inputs: [hidden, features]",
                "model.layers[7] (add 'residual'): input shapes [24] and [40] do not match",
                "(inputs hidden [24], features [40])");
    }

    /** Changes the graph config, trains it, and expects exit 2 before training, at the changed line. */
    private void assertRefused(String from, String to, String... message) {
        String text = RunConfigs.MASKED_GRAPH.replace(from, to);
        assertThat(text).isNotEqualTo(RunConfigs.MASKED_GRAPH);
        Path bad = RunConfigs.write(temp.resolve("bad"), "bad.yaml", text);
        Path out = temp.resolve("bad-runs");

        CommandResult result = distribution.run(temp, "train", bad.toString(), "--out", out.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr()).contains("bad.yaml:" + lineOf(text, to)).contains(message);
        assertThat(result.stderr().lines().filter(l -> l.contains("bad.yaml"))).hasSize(1);
        assertThat(out).doesNotExist();
    }

    private static int lineOf(String text, String part) {
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(part)) {
                return i + 1;
            }
        }
        throw new AssertionError(part + " not in the config");
    }
}
