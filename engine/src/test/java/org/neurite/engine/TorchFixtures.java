package org.neurite.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.neurite.api.Shape;
import org.neurite.api.Tensor;
import org.neurite.engine.tensor.CpuTensor;

/**
 * Reference tensors computed by PyTorch, read from a text file that a Python script beside it
 * writes: one tensor a line, {@code name dims values...}, dims comma-separated ({@code -} for a
 * scalar). A case {@code c} stores its inputs {@code c.<input>}, its output {@code c.y}, a
 * weighting {@code c.w} of the output, and {@code c.grad.<input>} = d(sum(y * w))/d(input).
 */
public final class TorchFixtures {

    private record Entry(Shape shape, double[] values) {
    }

    private final String source;
    private final Map<String, Entry> entries;

    private TorchFixtures(String source, Map<String, Entry> entries) {
        this.source = source;
        this.entries = entries;
    }

    /**
     * @param owner the class whose package holds the file
     * @param file the file's name
     * @return its tensors
     */
    public static TorchFixtures load(Class<?> owner, String file) {
        Map<String, Entry> entries = new HashMap<>();
        try (InputStream in = owner.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("no fixture file " + file + " beside " + owner.getName());
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.trim().split(" ");
                Shape shape = parts[1].equals("-") ? Shape.scalar() : Shape.of(ints(parts[1].split(",")));
                double[] values = new double[parts.length - 2];
                for (int i = 0; i < values.length; i++) {
                    values[i] = Double.parseDouble(parts[i + 2]);
                }
                entries.put(parts[0], new Entry(shape, values));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TorchFixtures(file, entries);
    }

    private static int[] ints(String[] parts) {
        int[] out = new int[parts.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Integer.parseInt(parts[i]);
        }
        return out;
    }

    private Entry entry(String name) {
        Entry e = entries.get(name);
        if (e == null) {
            throw new IllegalArgumentException("no tensor '" + name + "' in " + source);
        }
        return e;
    }

    /** @return the stored values, in double precision */
    public double[] values(String name) {
        return entry(name).values.clone();
    }

    /** @return the stored shape */
    public Shape shape(String name) {
        return entry(name).shape;
    }

    /** @return a fresh float32 tensor of the stored values */
    public CpuTensor tensor(String name) {
        Entry e = entry(name);
        float[] v = new float[e.values.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) e.values[i];
        }
        return CpuTensor.wrap(v, e.shape);
    }

    /**
     * Runs {@code f} on case {@code name}'s inputs and compares its output, and the gradients of
     * every input when the case stored them, with PyTorch's.
     *
     * @param name the case
     * @param relative the relative tolerance
     * @param absolute the absolute tolerance
     * @param f the op under test, applied to the inputs in the order named
     * @param inputs the inputs' names within the case
     */
    public void assertMatches(String name, double relative, double absolute, Function<List<CpuTensor>, Tensor> f,
                              String... inputs) {
        boolean differentiable = entries.containsKey(name + ".w");
        List<CpuTensor> args = new ArrayList<>();
        for (String input : inputs) {
            CpuTensor t = tensor(name + "." + input);
            args.add(differentiable ? t.requireGrad() : t);
        }
        Tensor y = f.apply(args);
        assertThat(y.shape()).as(name + " shape").isEqualTo(shape(name + ".y"));
        Close.assertClose(name, y.toArray(), values(name + ".y"), relative, absolute);
        if (differentiable) {
            y.backward(tensor(name + ".w"));
            for (int i = 0; i < inputs.length; i++) {
                Tensor g = args.get(i).grad();
                float[] grad = g == null ? new float[args.get(i).size()] : g.toArray();
                Close.assertClose(name + " gradient of " + inputs[i], grad, values(name + ".grad." + inputs[i]),
                        relative, absolute);
            }
        }
    }
}
