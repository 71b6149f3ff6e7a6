package org.neurite.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.neurite.api.Shape;
import org.neurite.api.Tensor;
import org.neurite.engine.io.Json;
import org.neurite.engine.tensor.CpuTensor;

/**
 * One case of a PyTorch fixture file in the test resources (made by the Python script beside
 * it): the inputs, the op's arguments, the output, the output gradient {@code dy} it was
 * backpropagated with, and the gradient of every input.
 */
public final class TorchCase {

    private final String name;
    private final Map<String, Object> json;

    private TorchCase(String name, Map<String, Object> json) {
        this.name = name;
        this.json = json;
    }

    /**
     * @param resource the fixture file on the test class path, such as {@code /torch/conv/conv-family.json}
     * @return every case of it, by name
     */
    @SuppressWarnings("unchecked")
    public static Map<String, TorchCase> load(String resource) {
        try (InputStream in = TorchCase.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            Map<String, Object> file = (Map<String, Object>) Json.read(new String(in.readAllBytes(),
                    StandardCharsets.UTF_8), resource);
            Map<String, Object> cases = (Map<String, Object>) file.get("cases");
            Map<String, TorchCase> out = new java.util.LinkedHashMap<>();
            cases.forEach((k, v) -> out.put(k, new TorchCase(k, (Map<String, Object>) v)));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return a fresh copy of the named input, requiring a gradient */
    public CpuTensor input(String key) {
        return tensor(section("inputs").get(key)).requireGrad();
    }

    /** @return the output gradient the reference backpropagated */
    public CpuTensor dy() {
        return tensor(json.get("dy"));
    }

    /** @return a whole-number argument */
    public int arg(String key) {
        return ((Number) section("args").get(key)).intValue();
    }

    /** @return a list argument as ints */
    @SuppressWarnings("unchecked")
    public int[] ints(String key) {
        return ((List<Number>) section("args").get(key)).stream().mapToInt(Number::intValue).toArray();
    }

    /** @return a boolean argument */
    public boolean flag(String key) {
        return (Boolean) section("args").get(key);
    }

    /**
     * Checks the output against the reference, then backpropagates {@code dy} and checks each
     * named input's gradient, all within {@code 1e-4} of the largest reference magnitude.
     *
     * @param y the output computed from {@link #input} tensors
     * @param inputs the inputs by name, as the reference names them
     */
    public void assertMatches(Tensor y, Map<String, CpuTensor> inputs) {
        assertClose("output", y, json.get("output"));
        y.backward(dy());
        inputs.forEach((key, t) -> assertClose("gradient of " + key, CpuTensor.wrap(t.gradArray(), t.shape()),
                section("grads").get(key)));
    }

    private void assertClose(String what, Tensor actual, Object expectedJson) {
        CpuTensor expected = tensor(expectedJson);
        assertThat(actual.shape()).as("%s: shape of %s", name, what).isEqualTo(expected.shape());
        float[] e = expected.data();
        float[] a = actual.toArray();
        float scale = 0f;
        for (float v : e) {
            scale = Math.max(scale, Math.abs(v));
        }
        float tolerance = 1e-4f * Math.max(scale, 1e-3f);
        for (int i = 0; i < e.length; i++) {
            assertThat(Math.abs(a[i] - e[i])).as("%s: %s element %d is %s, PyTorch's %s", name, what, i, a[i], e[i])
                    .isLessThanOrEqualTo(tolerance);
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> section(String key) {
        return (Map<String, Object>) json.get(key);
    }

    @SuppressWarnings("unchecked")
    private static CpuTensor tensor(Object json) {
        Map<String, Object> m = (Map<String, Object>) json;
        int[] shape = ((List<Number>) m.get("shape")).stream().mapToInt(Number::intValue).toArray();
        List<Number> data = (List<Number>) m.get("data");
        float[] values = new float[data.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = data.get(i).floatValue();
        }
        return CpuTensor.wrap(values, Shape.of(shape));
    }
}
