package org.neurite.plugins.transformer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.neurite.api.Initializer;
import org.neurite.api.LayerContext;
import org.neurite.api.LayerProvider;
import org.neurite.api.OptionException;
import org.neurite.api.OptionSpec;
import org.neurite.api.OptionType;
import org.neurite.api.Options;
import org.neurite.api.Parameter;
import org.neurite.api.Shape;
import org.neurite.api.ShapeMismatchException;
import org.pf4j.Extension;

/**
 * {@code {type: causal_lm, vocabulary: 65, context: 64, width: 128, layers: 4, heads: 4}}: a
 * GPT from token ids to per-token logits. Every matrix starts from N(0, init_std²) (GPT-2's
 * and nanoGPT's choice, which a tied head needs: N(0, 1) embeddings would give it huge logits).
 */
@Extension
public final class CausalLmProvider implements LayerProvider {

    private static final List<OptionSpec> OPTIONS = List.of(
            OptionSpec.required("vocabulary", OptionType.INTEGER, "Number of tokens; ids run from 0 to vocabulary - 1."),
            OptionSpec.required("context", OptionType.INTEGER, "Longest sequence (rows of the position table)."),
            OptionSpec.required("width", OptionType.INTEGER, "Width of the token vectors."),
            OptionSpec.required("layers", OptionType.INTEGER, "Number of blocks."),
            OptionSpec.required("heads", OptionType.INTEGER, "Attention heads per block; divides the width."),
            OptionSpec.optional("feedforward", OptionType.INTEGER, null, "Hidden width of each block's MLP; default 4 width."),
            OptionSpec.optional("activation", OptionType.STRING, "gelu", "Activation of the MLPs: gelu or relu."),
            OptionSpec.optional("norm_first", OptionType.BOOLEAN, true, "Pre-norm blocks (GPT-2) instead of post-norm."),
            OptionSpec.optional("bias", OptionType.BOOLEAN, true, "Whether the blocks' linear maps add biases."),
            OptionSpec.optional("dropout", OptionType.NUMBER, 0.0, "Drop probability inside the blocks, in [0, 1)."),
            OptionSpec.optional("layer_norm_eps", OptionType.NUMBER, 1e-5, "Added to the variance in the layer norms."),
            OptionSpec.optional("tie_embeddings", OptionType.BOOLEAN, true,
                    "Whether the output head is the token embedding (else its own head.weight)."),
            OptionSpec.optional("init_std", OptionType.NUMBER, 0.02, "Standard deviation of every matrix's initial values."));

    @Override
    public String name() {
        return CausalLm.TYPE;
    }

    @Override
    public String description() {
        return "Decoder-only Transformer language model (GPT): token and learned position embeddings, causal pre-norm"
                + " blocks, a final layer norm and per-token logits from a head tied to the token embedding;"
                + " continues sequences with a key-value cache.";
    }

    @Override
    public List<OptionSpec> options() {
        return OPTIONS;
    }

    @Override
    public CausalLm create(Options options, Shape inputShape, LayerContext context) {
        options.rejectUnknown(OPTIONS);
        int vocabulary = LayerOptions.positive(options, "vocabulary");
        int maxLength = LayerOptions.positive(options, "context");
        int width = LayerOptions.positive(options, "width");
        int layers = LayerOptions.positive(options, "layers");
        LayerOptions.positive(options, "heads");
        LayerOptions.positive(options, "feedforward", 4 * width);
        double std = LayerOptions.positiveNumber(options, "init_std", 0.02);
        if (inputShape.rank() != 1) {
            throw new ShapeMismatchException(name() + ": expects token ids [time], got " + inputShape);
        }
        if (inputShape.dim(0) > maxLength) {
            throw new OptionException(options.pathOf("context"), "the input has " + inputShape.dim(0)
                    + " tokens, more than the context " + maxLength);
        }
        Options blockOptions = LayerOptions.at(options, "heads", options.getInt("heads"),
                "feedforward", options.getInt("feedforward", 4 * width), "dropout", options.getDouble("dropout", 0.0),
                "activation", options.getString("activation", "gelu"), "norm_first", options.getBoolean("norm_first", true),
                "bias", options.getBoolean("bias", true), "layer_norm_eps", options.getDouble("layer_norm_eps", 1e-5),
                "causal", true);
        Initializer normal = context.initializer("normal", Options.of(Map.of("std", std)));
        Parameter tokens = context.backend().parameter(Shape.of(vocabulary, width), normal, context.random());
        Parameter positions = context.backend().parameter(Shape.of(maxLength, width), normal, context.random());
        Shape sequence = Shape.of(inputShape.dim(0), width);
        EncoderLayerProvider blockProvider = new EncoderLayerProvider();
        List<EncoderLayer> blocks = new ArrayList<>();
        for (int i = 0; i < layers; i++) {
            EncoderLayer block = (EncoderLayer) blockProvider.create(blockOptions, List.of(sequence), context);
            block.parameters().values().stream().filter(p -> p.shape().rank() == 2)
                    .forEach(p -> normal.initialize(p.data(), p.shape(), context.random()));
            blocks.add(block);
        }
        Parameter head = options.getBoolean("tie_embeddings", true) ? null
                : context.backend().parameter(Shape.of(vocabulary, width), normal, context.random());
        return new CausalLm(options, maxLength, tokens, positions, blocks, FeedForward.norm(blockOptions, sequence, context),
                head);
    }
}
