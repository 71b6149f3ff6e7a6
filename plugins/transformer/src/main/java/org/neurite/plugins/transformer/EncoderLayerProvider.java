package org.neurite.plugins.transformer;

import java.util.List;

import org.neurite.api.Layer;
import org.neurite.api.LayerContext;
import org.neurite.api.LayerProvider;
import org.neurite.api.OptionSpec;
import org.neurite.api.OptionType;
import org.neurite.api.Options;
import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;
import org.pf4j.Extension;

/** {@code {type: transformer_encoder_layer, heads: 4, feedforward: 128, dropout: 0}}: one encoder block. */
@Extension
public final class EncoderLayerProvider extends SequenceLayerProvider implements LayerProvider {

    /** The provider of {@value EncoderLayer#TYPE}. */
    public EncoderLayerProvider() {
        super(EncoderLayer.TYPE, "Transformer encoder layer (PyTorch's nn.TransformerEncoderLayer, batch first): self"
                + " attention and a feed-forward block, each with dropout, a residual connection and a layer norm (post-"
                + " or pre-norm); optional padding mask [batch, time] as second input.",
                joined(FeedForward.SHARED_OPTIONS, List.of(OptionSpec.optional("causal", OptionType.BOOLEAN, false,
                        "Whether step i attends only to steps up to i (a decoder-only stack of encoder layers)."))));
    }

    @Override
    Layer build(Options options, List<Shape> inputShapes, LayerContext context) {
        AttentionInputs inputs = AttentionInputs.of(name(), inputShapes, false);
        if (inputs.memory() != null) {
            throw new ShapeMismatchException(name() + ": attends to itself only; for a memory use"
                    + " transformer_decoder_layer, got " + inputShapes);
        }
        Shape sequence = inputs.sequence();
        FeedForward ff = FeedForward.build(options, sequence, context);
        MultiHeadAttentionLayer selfAttn = MultiHeadAttentionProvider.build(options, inputs,
                options.getBoolean("causal", false), ff.dropout(), context);
        return new EncoderLayer(options, inputs, options.getBoolean("norm_first", false), selfAttn, ff,
                FeedForward.norm(options, sequence, context), FeedForward.norm(options, sequence, context));
    }
}
