package org.neurite.plugins.perceptron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.neurite.plugins.perceptron.PluginComponents.components;
import static org.neurite.plugins.perceptron.PluginComponents.rows;
import static org.neurite.plugins.perceptron.PluginComponents.truthTableInputs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntBinaryOperator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.neurite.api.Loss;
import org.neurite.api.Mode;
import org.neurite.api.Optimizer;
import org.neurite.api.Options;
import org.neurite.api.Tensor;
import org.neurite.engine.CpuBackend;
import org.neurite.engine.data.Dataset;
import org.neurite.engine.data.SyntheticData;
import org.neurite.engine.nn.Sequential;
import org.neurite.engine.train.EpochResult;
import org.neurite.engine.train.Evaluator;
import org.neurite.engine.train.Trainer;
import org.neurite.engine.train.TrainingHistory;
import org.neurite.engine.train.TrainingListener;

/**
 * The configs in {@code examples/perceptron/} give what their comments promise: each
 * McCulloch-Pitts config its gate's truth table, the perceptron convergence on separable data and
 * none on XOR, the mlp a solved XOR. Models, losses and optimizers are built from the configs'
 * own sections; the synthetic data is made here as the launcher's synthetic sets define it.
 */
class ExampleConfigsTest {

    private static final Path EXAMPLES = Path.of(System.getProperty("neurite.examples", "../../examples/perceptron"));

    private static final Map<String, IntBinaryOperator> GATES = Map.of(
            "and", (a, b) -> a & b,
            "or", (a, b) -> a | b,
            "nand", (a, b) -> 1 - (a & b),
            "xor", (a, b) -> a ^ b,
            "not", (a, b) -> 1 - a);

    @SuppressWarnings("unchecked")
    private static Map<String, Object> read(String file) throws IOException {
        return new ObjectMapper(new YAMLFactory()).readValue(EXAMPLES.resolve(file).toFile(), Map.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(Map<String, Object> config, String key) {
        return (Map<String, Object>) config.get(key);
    }

    private static Sequential model(Map<String, Object> config) {
        return Sequential.fromOptions(Options.of("model", section(config, "model")), components(),
                ((Number) config.get("seed")).longValue());
    }

    /** A loss or optimizer as a config names it: a bare name or {name: ..., options}. */
    private static Options named(Map<String, Object> config, String key, StringBuilder name) {
        Object value = config.get(key);
        if (value instanceof String s) {
            name.append(s);
            return Options.of(key, Map.of());
        }
        Map<String, Object> options = new java.util.LinkedHashMap<>(section(config, key));
        name.append(options.remove("name"));
        return Options.of(key, options);
    }

    private static Loss loss(Map<String, Object> config) {
        StringBuilder name = new StringBuilder();
        Options options = named(config, "loss", name);
        return components().loss(name.toString(), options);
    }

    private static Optimizer optimizer(Map<String, Object> config) {
        StringBuilder name = new StringBuilder();
        Options options = named(config, "optimizer", name);
        return components().optimizer(name.toString(), options);
    }

    @ParameterizedTest
    @ValueSource(strings = {"and", "or", "nand", "not", "xor"})
    void eachMcCullochPittsConfigComputesItsGatesTruthTable(String gate) throws IOException {
        Map<String, Object> config = read("mcculloch-pitts-" + gate + ".yaml");
        assertThat(section(section(config, "data"), "train")).containsEntry("name", gate);
        assertThat(section(config, "training")).containsEntry("epochs", 0);
        Sequential network = model(config);
        int width = network.inputShape().dim(0);
        float[][] inputs = truthTableInputs(width);
        float[] expected = new float[inputs.length];
        for (int r = 0; r < inputs.length; r++) {
            expected[r] = GATES.get(gate).applyAsInt((int) inputs[r][0], width > 1 ? (int) inputs[r][1] : 0);
        }

        Tensor out = network.forward(rows(inputs), Mode.INFERENCE);

        assertThat(out.toArray()).as(gate).containsExactly(expected);
        Tensor labels = CpuBackend.instance().tensor(expected, org.neurite.api.Shape.of(expected.length));
        assertThat(loss(config).compute(out, labels).item()).as("the configured loss: no row wrong").isZero();
    }

    @Test
    void thePerceptronConvergesOnTheSeparableExample() throws IOException {
        Map<String, Object> config = read("perceptron-separable.yaml");
        Map<String, Object> data = section(section(config, "data"), "train");
        assertThat(data).containsEntry("name", "blobs");
        Dataset blobs = SyntheticData.blobs((Integer) data.get("samples"), 2, 2, ((Number) data.get("noise")).doubleValue(),
                new SplittableRandom(0));

        TrainingHistory history = train(config, blobs);

        assertThat(history.stoppedEarly()).isTrue();
        assertThat(history.last().loss()).isZero();
    }

    @Test
    void thePerceptronDoesNotConvergeOnTheXorExample() throws IOException {
        Map<String, Object> config = read("perceptron-xor.yaml");

        TrainingHistory history = train(config, SyntheticData.xor());

        assertThat(history.stoppedEarly()).isFalse();
        assertThat(history.epochs()).hasSize((Integer) section(config, "training").get("epochs"));
        assertThat(history.last().loss()).isPositive();
    }

    @Test
    void theMlpExampleLearnsXor() throws IOException {
        Map<String, Object> config = read("mlp-xor.yaml");
        Sequential network = model(config);
        Loss loss = loss(config);
        Map<String, Object> training = section(config, "training");

        Trainer.builder(network, loss, optimizer(config)).epochs((Integer) training.get("epochs"))
                .batchSize((Integer) training.get("batch_size")).build().fit(SyntheticData.xor());

        assertThat(new Evaluator(network, loss, 0).evaluate(SyntheticData.xor()).accuracy()).isEqualTo(1.0);
    }

    /** Trains as the config says, stopping at the first epoch without errors when it asks to. */
    private static TrainingHistory train(Map<String, Object> config, Dataset data) {
        Map<String, Object> training = section(config, "training");
        assertThat(training).containsEntry("batch_size", 1).containsEntry("stop_at_zero_errors", true);
        assertThat(List.of(config.get("loss"))).containsExactly("perceptron");
        TrainingListener stopAtZeroErrors = new TrainingListener() {
            @Override
            public void onEpochEnd(Trainer trainer, EpochResult result) {
                if (result.loss() == 0) {
                    trainer.stop();
                }
            }
        };
        return Trainer.builder(model(config), loss(config), optimizer(config))
                .epochs((Integer) training.get("epochs")).batchSize(1).seed(((Number) config.get("seed")).longValue())
                .listener(stopAtZeroErrors).build().fit(data);
    }
}
