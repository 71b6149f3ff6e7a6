package org.neurite.plugins.transformer;

import java.util.Map;

import org.neurite.api.Layer;
import org.neurite.api.Mode;
import org.neurite.api.Options;
import org.neurite.api.Parameter;
import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;
import org.neurite.api.Tensor;

/**
 * Adds a position's vector to each step: a learned table {@code weight [max_length, width]}
 * (as a position embedding), or the fixed sinusoids of "Attention Is All You Need",
 * {@code pe[pos, 2i] = sin(pos / 10000^(2i / width))}, {@code pe[pos, 2i + 1] = cos(...)},
 * computed once when the layer is made and not saved (nothing to learn).
 *
 * <p>Shape: input {@code [batch, time, width]} with {@code time <= max_length}; output the same.
 */
final class PositionalEncoding implements Layer {

    static final String TYPE = "positional_encoding";

    private final Options options;
    private final int maxLength;
    private final int width;
    private final Parameter learned;
    private final Tensor fixed;

    /**
     * @param options the options it was created from
     * @param maxLength the longest sequence the table covers
     * @param width the width of each step
     * @param learned the learned table, or null for sinusoids
     * @param fixed the sinusoid table, or null when learned
     */
    PositionalEncoding(Options options, int maxLength, int width, Parameter learned, Tensor fixed) {
        this.options = options;
        this.maxLength = maxLength;
        this.width = width;
        this.learned = learned;
        this.fixed = fixed;
    }

    /** @return the sinusoid table {@code [length, width]} */
    static float[] sinusoids(int length, int width) {
        float[] pe = new float[length * width];
        for (int pos = 0; pos < length; pos++) {
            for (int i = 0; i < width; i += 2) {
                double angle = pos * Math.exp(-Math.log(10000.0) * i / width);
                pe[pos * width + i] = (float) Math.sin(angle);
                if (i + 1 < width) {
                    pe[pos * width + i + 1] = (float) Math.cos(angle);
                }
            }
        }
        return pe;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Options options() {
        return options;
    }

    @Override
    public Shape outputShape(Shape inputShape) {
        check(inputShape);
        return inputShape;
    }

    private void check(Shape perSample) {
        if (perSample.rank() != 2 || perSample.dim(1) != width) {
            throw new ShapeMismatchException(TYPE + ": expects [time, " + width + "], got " + perSample);
        }
        if (perSample.dim(0) > maxLength) {
            throw new ShapeMismatchException(TYPE + ": a sequence of " + perSample.dim(0)
                    + " steps is longer than the table's max_length " + maxLength);
        }
    }

    @Override
    public Map<String, Parameter> parameters() {
        return learned == null ? Map.of() : Map.of("weight", learned);
    }

    @Override
    public Tensor forward(Tensor input, Mode mode) {
        Shape s = input.shape();
        check(s.sub(1, s.rank()));
        Tensor table = learned == null ? fixed : learned.value();
        int time = s.dim(1);
        return input.add(time == maxLength ? table : table.slice(0, 0, time));
    }
}
