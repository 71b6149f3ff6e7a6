package org.neurite.plugins.cnn;

import java.util.Arrays;
import java.util.List;
import org.neurite.api.OptionException;
import org.neurite.api.Options;

/**
 * Reads the options that the layers of this plugin share: sizes per spatial axis (a number for
 * all axes or one per axis) and padding (numbers, or {@code same} / {@code valid}).
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
}
