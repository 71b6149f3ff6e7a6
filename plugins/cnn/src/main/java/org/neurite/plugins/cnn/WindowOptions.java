package org.neurite.plugins.cnn;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.neurite.api.Activation;
import org.neurite.api.Initializer;
import org.neurite.api.LayerContext;
import org.neurite.api.OptionException;
import org.neurite.api.Options;

/**
 * Reads the options that the layers of this plugin share: sizes per spatial axis (a number for
 * all axes or one per axis), padding (numbers, or {@code same} / {@code valid}), and components
 * named by a layer ({@code activation: relu}, {@code weight_init: {name: uniform, low: 0}}).
 */
final class WindowOptions {

    private WindowOptions() {
    }

    /**
     * @param options the layer's options
     * @param key the key, such as {@code stride}
     * @param axes the spatial axes (2 for images, 1 for sequences)
     * @param fallback the value when absent
     * @param min the smallest value allowed
     * @return one value per axis
     * @throws OptionException naming the key if a value is below {@code min}
     */
    static int[] perAxis(Options options, String key, int axes, int fallback, int min) {
        int[] v = options.getInts(key, axes, fallback);
        for (int x : v) {
            if (x < min) {
                throw new OptionException(options.pathOf(key), "must be at least " + min + ", got "
                        + (axes == 1 ? String.valueOf(x) : Arrays.toString(v)));
            }
        }
        return v;
    }

    /**
     * The padding before and after each spatial axis: a number for every side, one number per axis
     * (both sides), one per side ({@code [top, bottom, left, right]} for images, {@code [left, right]}
     * for sequences), {@code valid} (none), or {@code same} (stride 1 only: the output keeps the
     * input's size; an odd total puts the extra pixel after, as PyTorch does).
     *
     * @param options the layer's options
     * @param axes the spatial axes
     * @param kernel the kernel per axis
     * @param dilation the dilation per axis
     * @param stride the stride per axis
     * @return {@code {before0, after0, before1, after1, ...}}
     */
    static int[] padding(Options options, int axes, int[] kernel, int[] dilation, int[] stride) {
        int[] sides = new int[2 * axes];
        if (!options.has("padding")) {
            return sides;
        }
        Object raw = options.raw("padding");
        String path = options.pathOf("padding");
        if (raw instanceof String word) {
            if (word.equals("valid")) {
                return sides;
            }
            if (!word.equals("same")) {
                throw new OptionException(path, "expected a whole number, a list of them, same or valid, got \""
                        + word + "\"");
            }
            for (int a = 0; a < axes; a++) {
                if (stride[a] != 1) {
                    throw new OptionException(path, "same needs stride 1, but stride is " + Arrays.toString(stride));
                }
                int total = dilation[a] * (kernel[a] - 1);
                sides[2 * a] = total / 2;
                sides[2 * a + 1] = total - total / 2;
            }
            return sides;
        }
        int count = raw instanceof List<?> list && list.size() == 2 * axes ? 2 * axes : axes;
        int[] values = options.getInts("padding", count, 0);
        for (int v : values) {
            if (v < 0) {
                throw new OptionException(path, "must not be negative, got " + raw);
            }
        }
        if (values.length == 2 * axes) {
            return values;
        }
        for (int a = 0; a < axes; a++) {
            sides[2 * a] = values[a];
            sides[2 * a + 1] = values[a];
        }
        return sides;
    }

    /** @return the activation the key names, or {@code null} when absent */
    static Activation activation(Options options, String key, LayerContext context) {
        Options ref = reference(options, key, null);
        return ref == null ? null : context.activation(ref.getString("name"), without(ref, "name"));
    }

    /**
     * @param fallback the initializer used when the key is absent
     * @return the initializer the key names
     */
    static Initializer initializer(Options options, String key, LayerContext context, Initializer fallback) {
        Options ref = reference(options, key, null);
        return ref == null ? fallback : context.initializer(ref.getString("name"), without(ref, "name"));
    }

    /**
     * PyTorch's default initial values of a convolution's weight and bias:
     * {@code U(-1/sqrt(fanIn), 1/sqrt(fanIn))} with {@code fanIn = in / groups * prod(kernel)}.
     */
    static Initializer torchDefault(LayerContext context, int fanIn) {
        return context.initializer("uniform", Options.of(context.path(), Map.of("scale", "fan_in", "fan_in", fanIn)));
    }

    /** A name or a map with a name, as options whose path is the key's. */
    private static Options reference(Options options, String key, String fallback) {
        if (!options.has(key)) {
            return fallback == null ? null : Options.of(options.pathOf(key), Map.of("name", fallback));
        }
        Object value = options.raw(key);
        String path = options.pathOf(key);
        if (value instanceof String s) {
            return Options.of(path, Map.of("name", s));
        }
        if (value instanceof Map<?, ?> map) {
            Options ref = options.getOptions(key);
            if (!(map.get("name") instanceof String)) {
                throw new OptionException(path + ".name", map.get("name") == null ? "is required but missing"
                        : "expected a string, got " + map.get("name"));
            }
            return ref;
        }
        throw new OptionException(path, "expected a name or a map with a name and options, got " + value);
    }

    private static Options without(Options options, String key) {
        Map<String, Object> rest = new java.util.LinkedHashMap<>(options.asMap());
        rest.remove(key);
        return Options.of(options.path(), rest);
    }
}
