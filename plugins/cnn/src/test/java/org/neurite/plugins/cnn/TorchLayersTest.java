package org.neurite.plugins.cnn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.neurite.api.Mode;
import org.neurite.api.Parameter;
import org.neurite.api.Shape;
import org.neurite.api.Tensor;
import org.neurite.engine.io.Json;
import org.neurite.engine.nn.Sequential;
import org.neurite.engine.tensor.CpuTensor;

/**
 * Every layer of the plugin against the same PyTorch module (fixtures made by
 * {@code src/test/resources/torch/make_fixtures.py}): given PyTorch's parameters under PyTorch's names,
 * the output in training mode and the gradients of the input and of every parameter agree within
 * {@code 1e-4} of the largest reference magnitude; batch norm's running statistics and inference
 * output too.
 */
class TorchLayersTest {

    @TestFactory
    Stream<DynamicTest> layersMatchPyTorch() throws IOException {
        Map<String, Object> cases = cases();
        return cases.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(),
                () -> check(e.getKey(), object(e.getValue()))));
    }

    @SuppressWarnings("unchecked")
    private static void check(String name, Map<String, Object> c) {
        List<Integer> input = ((List<Number>) c.get("input")).stream().map(Number::intValue).toList();
        Sequential model = PluginComponents.model(input, List.of(object(c.get("layer"))), 0);
        Map<String, Parameter> params = model.parameters();
        Map<String, Object> expectedParams = object(c.get("params"));
        assertThat(params.keySet()).as("%s: parameter names", name)
                .containsExactlyInAnyOrderElementsOf(expectedParams.keySet().stream().map(k -> "0." + k).toList());
        expectedParams.forEach((key, value) -> {
            CpuTensor t = tensor(value);
            Parameter p = params.get("0." + key);
            assertThat(p.shape()).as("%s: shape of %s", name, key).isEqualTo(t.shape());
            System.arraycopy(t.data(), 0, p.data(), 0, t.size());
        });

        CpuTensor x = tensor(c.get("x")).requireGrad();
        Tensor y = model.forward(x, Mode.TRAINING);
        assertClose(name, "output", y, c.get("y"));
        y.backward(tensor(c.get("dy")));
        assertClose(name, "input gradient", CpuTensor.wrap(x.gradArray(), x.shape()), c.get("dx"));
        object(c.get("grads")).forEach((key, value) -> {
            Parameter p = params.get("0." + key);
            assertClose(name, "gradient of " + key, CpuTensor.wrap(p.gradient(), p.shape()), value);
        });
        if (c.containsKey("running_after")) {
            object(c.get("running_after")).forEach((key, value) -> {
                Parameter p = params.get("0." + key);
                assertClose(name, key + " after the step", CpuTensor.wrap(p.data().clone(), p.shape()), value);
            });
            assertClose(name, "inference output", model.forward(tensor(c.get("x_inference")), Mode.INFERENCE),
                    c.get("y_inference"));
        }
    }

    private static void assertClose(String name, String what, Tensor actual, Object expectedJson) {
        CpuTensor expected = tensor(expectedJson);
        assertThat(actual.shape()).as("%s: shape of %s", name, what).isEqualTo(expected.shape());
        float[] e = expected.data();
        float[] a = actual.toArray();
        float scale = 1e-3f;
        for (float v : e) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < e.length; i++) {
            assertThat(Math.abs(a[i] - e[i])).as("%s: %s element %d is %s, PyTorch's %s", name, what, i, a[i], e[i])
                    .isLessThanOrEqualTo(1e-4f * scale);
        }
    }

    private static Map<String, Object> cases() throws IOException {
        try (InputStream in = TorchLayersTest.class.getResourceAsStream("/torch/layers.json")) {
            return object(object(Json.read(new String(in.readAllBytes(), StandardCharsets.UTF_8))).get("cases"));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object json) {
        return (Map<String, Object>) json;
    }

    @SuppressWarnings("unchecked")
    static CpuTensor tensor(Object json) {
        Map<String, Object> m = object(json);
        int[] shape = ((List<Number>) m.get("shape")).stream().mapToInt(Number::intValue).toArray();
        List<Number> data = (List<Number>) m.get("data");
        float[] values = new float[data.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = data.get(i).floatValue();
        }
        return CpuTensor.wrap(values, Shape.of(shape));
    }

}
