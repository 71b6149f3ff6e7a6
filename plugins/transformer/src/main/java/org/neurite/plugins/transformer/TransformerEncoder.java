package org.neurite.plugins.transformer;

import java.util.ArrayList;
import java.util.List;

import org.neurite.api.Mode;
import org.neurite.api.MultiInputLayer;
import org.neurite.api.Options;
import org.neurite.api.Shape;
import org.neurite.api.Tensor;

/**
 * PyTorch's {@code nn.TransformerEncoder(layer, num_layers)} (without a final norm): a stack of
 * encoder layers under the names {@code layers.0.*}, {@code layers.1.*}, ... PyTorch builds the
 * stack from deep copies of one layer, so every layer starts from the same values; this stack
 * does the same (see {@link TransformerEncoderProvider}). The padding mask, when given, goes to
 * every layer.
 *
 * <p>Shape: input {@code [batch, time, width]} and optionally its padding mask
 * {@code [batch, time]} (1 = real step, 0 = padding); output {@code [batch, time, width]}.
 */
final class TransformerEncoder extends CompositeLayer implements MultiInputLayer {

    static final String TYPE = "transformer_encoder";

    private final List<EncoderLayer> layers;

    TransformerEncoder(Options options, List<EncoderLayer> layers) {
        super(TYPE, options);
        for (int i = 0; i < layers.size(); i++) {
            part("layers." + i, layers.get(i));
        }
        this.layers = List.copyOf(layers);
    }

    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        return layers.get(0).outputShape(inputShapes);
    }

    @Override
    public Tensor forward(List<Tensor> in, Mode mode) {
        List<Tensor> step = new ArrayList<>(in);
        for (EncoderLayer layer : layers) {
            step.set(0, layer.forward(step, mode));
        }
        return step.get(0);
    }
}
