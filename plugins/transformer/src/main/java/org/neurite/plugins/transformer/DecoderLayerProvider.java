package org.neurite.plugins.transformer;

import java.util.List;

import org.neurite.api.Layer;
import org.neurite.api.LayerContext;
import org.neurite.api.LayerProvider;
import org.neurite.api.Options;
import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;
import org.pf4j.Extension;

/**
 * {@code {type: transformer_decoder_layer, heads: 4, feedforward: 512}}: one decoder block, with
 * the encoder's output as second input (a graph model lists both).
 */
@Extension
public final class DecoderLayerProvider extends SequenceLayerProvider implements LayerProvider {

    /** The provider of {@value DecoderLayer#TYPE}. */
    public DecoderLayerProvider() {
        super(DecoderLayer.TYPE, "Transformer decoder layer (PyTorch's nn.TransformerDecoderLayer, batch first): causal"
                + " self attention, cross attention to the encoder's output (second input; optional source padding mask"
                + " as third) and a feed-forward block, each with dropout, a residual connection and a layer norm (post-"
                + " or pre-norm).", FeedForward.SHARED_OPTIONS);
    }

    @Override
    public Layer create(Options options, Shape inputShape, LayerContext context) {
        throw new ShapeMismatchException(name() + ": needs the encoder's output (the memory [source time, width]) as"
                + " its second input; list the layer in a graph with inputs [target, memory], got only " + inputShape);
    }

    @Override
    Layer build(Options options, List<Shape> inputShapes, LayerContext context) {
        AttentionInputs inputs = AttentionInputs.of(name(), inputShapes, true);
        Shape sequence = inputs.sequence();
        FeedForward ff = FeedForward.build(options, sequence, context);
        AttentionInputs selfInputs = AttentionInputs.of(name(), List.of(sequence), false);
        MultiHeadAttentionLayer selfAttn = MultiHeadAttentionProvider.build(options, selfInputs, true, ff.dropout(),
                context);
        MultiHeadAttentionLayer crossAttn = MultiHeadAttentionProvider.build(options, inputs, false, ff.dropout(),
                context);
        List<Layer> norms = List.of(FeedForward.norm(options, sequence, context),
                FeedForward.norm(options, sequence, context), FeedForward.norm(options, sequence, context));
        return new DecoderLayer(options, inputs, options.getBoolean("norm_first", false), selfAttn, crossAttn, ff,
                norms);
    }
}
