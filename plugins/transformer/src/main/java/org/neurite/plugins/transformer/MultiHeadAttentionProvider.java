package org.neurite.plugins.transformer;

import java.util.List;

import org.neurite.api.Initializer;
import org.neurite.api.Layer;
import org.neurite.api.LayerContext;
import org.neurite.api.LayerProvider;
import org.neurite.api.OptionException;
import org.neurite.api.OptionSpec;
import org.neurite.api.OptionType;
import org.neurite.api.Options;
import org.neurite.api.Parameter;
import org.neurite.api.Shape;
import org.pf4j.Extension;

/**
 * {@code {type: multi_head_attention, heads: 4}}: self attention over one input, cross attention
 * when a memory is the second input, a key padding mask as the last. Initial values as
 * PyTorch's: Xavier-uniform {@code in_proj_weight}, zero biases, the output weight from
 * U(±1/sqrt(width)).
 */
@Extension
public final class MultiHeadAttentionProvider extends SequenceLayerProvider implements LayerProvider {

    /** The provider of {@value MultiHeadAttentionLayer#TYPE}. */
    public MultiHeadAttentionProvider() {
        super(MultiHeadAttentionLayer.TYPE, "Multi-head scaled dot-product attention (PyTorch's nn.MultiheadAttention"
                + " parameters: in_proj_weight, in_proj_bias, out_proj): self attention, or cross attention with a memory"
                + " as second input; optional causal mask and key padding mask [batch, keys] (1 real, 0 padding) as last"
                + " input.",
                List.of(OptionSpec.required("heads", OptionType.INTEGER, "Number of heads; divides the input's width."),
                        OptionSpec.optional("causal", OptionType.BOOLEAN, false,
                                "Whether step i attends only to steps up to i (decoders, language models)."),
                        OptionSpec.optional("dropout", OptionType.NUMBER, 0.0,
                                "Drop probability of the attention weights in training, in [0, 1)."),
                        OptionSpec.optional("bias", OptionType.BOOLEAN, true,
                                "Whether the projections add biases (in_proj_bias, out_proj.bias).")));
    }

    @Override
    Layer build(Options options, List<Shape> inputShapes, LayerContext context) {
        AttentionInputs inputs = AttentionInputs.of(name(), inputShapes, false);
        return build(options, inputs, options.getBoolean("causal", false),
                LayerOptions.probability(options, "dropout", 0.0), context);
    }

    /**
     * Builds the layer for the encoder and decoder layers too, which pass their own options
     * ({@code heads}, {@code bias}) and inputs.
     */
    static MultiHeadAttentionLayer build(Options options, AttentionInputs inputs, boolean causal, float dropout,
                                         LayerContext context) {
        int width = inputs.sequence().dim(1);
        int heads = LayerOptions.positive(options, "heads");
        if (width % heads != 0) {
            throw new OptionException(options.pathOf("heads"), "the width " + width + " is not divisible by "
                    + heads + " heads");
        }
        boolean bias = options.getBoolean("bias", true);
        Initializer xavier = context.initializer("xavier_uniform", Options.empty());
        Initializer zeros = context.initializer("zeros", Options.empty());
        Parameter inProjWeight = context.backend().parameter(Shape.of(3 * width, width), xavier, context.random());
        Parameter inProjBias = bias ? context.backend().parameter(Shape.of(3 * width), zeros, context.random()) : null;
        Options dense = bias ? LayerOptions.at(options, "units", width, "bias_init", "zeros")
                : LayerOptions.at(options, "units", width, "use_bias", false);
        Layer outProj = context.layer("dense", dense, inputs.sequence());
        return new MultiHeadAttentionLayer(options, inputs, heads, causal, dropout, inProjWeight, inProjBias, outProj,
                context.backend(), context.trainingRandom());
    }
}
