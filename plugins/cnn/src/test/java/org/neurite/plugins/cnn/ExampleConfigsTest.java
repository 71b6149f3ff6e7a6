package org.neurite.plugins.cnn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;
import org.neurite.api.Options;
import org.neurite.api.Parameter;
import org.neurite.api.Shape;
import org.neurite.engine.nn.Graph;
import org.neurite.engine.nn.Sequential;

/**
 * The models of {@code examples/cnn/} build as their comments say: the reference CNN with exactly
 * the parameters of the PyTorch reference ({@code bench/reference/pytorch_fashion.py cnn}, 421,642),
 * under PyTorch's names; the residual network as a graph. Training them is the distribution's
 * end-to-end test.
 */
class ExampleConfigsTest {

    private static final Path EXAMPLES = Path.of(System.getProperty("neurite.examples", "../../examples"));

    @SuppressWarnings("unchecked")
    private static Map<String, Object> read(String file) throws IOException {
        return new ObjectMapper(new YAMLFactory()).readValue(EXAMPLES.resolve("cnn").resolve(file).toFile(), Map.class);
    }

    @SuppressWarnings("unchecked")
    private static Sequential model(String file) throws IOException {
        Map<String, Object> config = read(file);
        return Sequential.fromOptions(Options.of("model", (Map<String, Object>) config.get("model")),
                PluginComponents.components(), ((Number) config.get("seed")).longValue());
    }

    private static long trainable(Sequential model) {
        return model.parameters().values().stream().filter(Parameter::trainable)
                .mapToLong(p -> p.shape().size()).sum();
    }

    @Test
    void theReferenceCnnHasPyTorchsParameters() throws IOException {
        Sequential model = model("fashion-cnn.yaml");
        assertThat(model.outputShape()).isEqualTo(Shape.of(10));
        assertThat(trainable(model)).isEqualTo(421_642);
        assertThat(model.parameters().keySet()).containsExactly("0.weight", "0.bias", "2.weight", "2.bias",
                "5.weight", "5.bias", "6.weight", "6.bias");
        assertThat(model.parameters().get("2.weight").shape()).isEqualTo(Shape.of(64, 32, 3, 3));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theResidualNetworkIsAGraphWithTwoSkipConnections() throws IOException {
        Map<String, Object> config = read("fashion-resnet.yaml");
        Graph graph = Graph.fromOptions(Options.of("model", (Map<String, Object>) config.get("model")),
                PluginComponents.components(), 0);
        assertThat(graph.parameters()).containsKeys("b1_conv1.weight", "b2_skip.weight", "b2_skip_bn.running_var",
                "logits.weight");
        assertThat(graph.parameters().get("b2_skip.weight").shape()).isEqualTo(Shape.of(64, 32, 1, 1));
    }

    @Test
    void theBatchNormCnnBuilds() throws IOException {
        Sequential model = model("fashion-cnn-bn.yaml");
        assertThat(model.outputShape()).isEqualTo(Shape.of(10));
        assertThat(model.parameters()).containsKeys("1.running_mean", "1.running_var");
    }
}
