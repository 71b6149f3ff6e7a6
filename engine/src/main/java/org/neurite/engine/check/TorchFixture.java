package org.neurite.engine.check;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.neurite.api.Shape;
import org.neurite.engine.io.Json;
import org.neurite.engine.tensor.CpuTensor;

/**
 * One case of a JSON fixture written by a PyTorch script kept beside it on the test class path
 * ({@code fixtures/.../make_fixtures.py}): named tensors as {@code {shape, data}} and plain
 * values (numbers, flags, strings, state dicts as maps of tensors). Serves the engine's tests and,
 * through the test kit, plugins' tests of their layers against PyTorch.
 *
 * @param values the case's entries by name
 */
public record TorchFixture(Map<String, Object> values) {

    /**
     * @param resource the fixture file on the test class path, such as {@code /fixtures/attention/x.json}
     * @return its cases, in file order
     */
    @SuppressWarnings("unchecked")
    public static List<TorchFixture> cases(String resource) {
        try (InputStream in = TorchFixture.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("fixture " + resource + " is not on the test class path");
            }
            Map<String, Object> file = (Map<String, Object>) Json.read(new String(in.readAllBytes(),
                    StandardCharsets.UTF_8), resource);
            return ((List<Map<String, Object>>) file.get("cases")).stream().map(TorchFixture::new).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return whether the case has an entry of that name */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** @return the named tensor as a new tensor, not requiring a gradient */
    public CpuTensor tensor(String name) {
        return tensorOf(values.get(name), name);
    }

    /** @return the named tensor's elements */
    public float[] floats(String name) {
        return tensor(name).data();
    }

    /** @return the named tensors of a map entry (a state dict), by their names */
    @SuppressWarnings("unchecked")
    public Map<String, CpuTensor> tensors(String name) {
        Map<String, Object> map = (Map<String, Object>) values.get(name);
        java.util.LinkedHashMap<String, CpuTensor> out = new java.util.LinkedHashMap<>();
        map.forEach((k, v) -> out.put(k, tensorOf(v, name + "." + k)));
        return out;
    }

    /** @return the named whole number */
    public int integer(String name) {
        return ((Number) values.get(name)).intValue();
    }

    /** @return the named number */
    public double number(String name) {
        return ((Number) values.get(name)).doubleValue();
    }

    /** @return the named flag */
    public boolean flag(String name) {
        return (Boolean) values.get(name);
    }

    /** @return the named value as it was read */
    public Object raw(String name) {
        return values.get(name);
    }

    /**
     * Checks {@code |actual - expected| <= relative |expected| + absolute} element by element
     * against the named tensor.
     *
     * @param name the entry holding the expected values
     * @param actual the computed values
     * @param relative the relative tolerance
     * @param absolute the absolute tolerance, for values near zero
     * @throws AssertionError naming the case, the entry and the first element that differs
     */
    public void assertClose(String name, float[] actual, double relative, double absolute) {
        assertClose(this + ": " + name, actual, floats(name), relative, absolute);
    }

    /** As {@link #assertClose(String, float[], double, double)}, against given values. */
    public static void assertClose(String what, float[] actual, float[] expected, double relative, double absolute) {
        if (actual == null || actual.length != expected.length) {
            throw new AssertionError(what + ": expected " + expected.length + " values, got "
                    + (actual == null ? "none" : actual.length));
        }
        for (int i = 0; i < expected.length; i++) {
            double a = actual[i];
            double e = expected[i];
            if (!(Math.abs(a - e) <= relative * Math.abs(e) + absolute)) {
                throw new AssertionError(what + "[" + i + "]: got " + a + ", expected " + e);
            }
        }
    }

    @Override
    public String toString() {
        return String.valueOf(values.get("name"));
    }

    @SuppressWarnings("unchecked")
    private static CpuTensor tensorOf(Object entry, String name) {
        if (!(entry instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("fixture entry " + name + " is not a tensor");
        }
        List<Number> shape = (List<Number>) map.get("shape");
        List<Number> data = (List<Number>) map.get("data");
        int[] dims = shape.stream().mapToInt(Number::intValue).toArray();
        float[] v = new float[data.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = data.get(i).floatValue();
        }
        return CpuTensor.wrap(v, Shape.of(dims));
    }
}
