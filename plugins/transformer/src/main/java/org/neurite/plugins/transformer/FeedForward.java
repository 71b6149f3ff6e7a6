package org.neurite.plugins.transformer;

import java.util.List;
import java.util.random.RandomGenerator;

import org.neurite.api.Layer;
import org.neurite.api.LayerContext;
import org.neurite.api.Mode;
import org.neurite.api.OptionSpec;
import org.neurite.api.OptionType;
import org.neurite.api.Options;
import org.neurite.api.Shape;
import org.neurite.api.Tensor;

/**
 * The position-wise feed-forward part of an encoder or decoder layer, PyTorch's
 * {@code linear2(dropout(activation(linear1(x))))}, with the layers' shared options and
 * building of the norms.
 *
 * @param linear1 {@code width -> feedforward}
 * @param linear2 {@code feedforward -> width}
 * @param gelu GELU rather than ReLU
 * @param dropout drop probability inside the block and after each part
 * @param random the source of the dropout masks
 */
record FeedForward(Layer linear1, Layer linear2, boolean gelu, float dropout, RandomGenerator random) {

    /** Options shared by {@code transformer_encoder_layer} and {@code transformer_decoder_layer}. */
    static final List<OptionSpec> SHARED_OPTIONS = List.of(
            OptionSpec.required("heads", OptionType.INTEGER,
                    "Number of attention heads; divides the input's width."),
            OptionSpec.optional("feedforward", OptionType.INTEGER, 2048,
                    "Width of the feed-forward block's hidden layer (PyTorch's dim_feedforward)."),
            OptionSpec.optional("dropout", OptionType.NUMBER, 0.1,
                    "Drop probability of the attention weights, inside the feed-forward block and after each part."),
            OptionSpec.optional("activation", OptionType.STRING, "relu",
                    "Activation of the feed-forward block: relu or gelu."),
            OptionSpec.optional("norm_first", OptionType.BOOLEAN, false,
                    "Pre-norm (layer norm before each part, inside the residual) instead of post-norm."),
            OptionSpec.optional("layer_norm_eps", OptionType.NUMBER, 1e-5,
                    "Added to the variance in the layer norms."),
            OptionSpec.optional("bias", OptionType.BOOLEAN, true,
                    "Whether the linear layers and projections add biases."));

    /** Builds the block for a sequence of the given per-sample shape {@code [time, width]}. */
    static FeedForward build(Options options, Shape sequence, LayerContext context) {
        int hidden = LayerOptions.positive(options, "feedforward", 2048);
        boolean bias = options.getBoolean("bias", true);
        boolean gelu = LayerOptions.choice(options, "activation", "relu", List.of("relu", "gelu")).equals("gelu");
        float dropout = LayerOptions.probability(options, "dropout", 0.1);
        Layer linear1 = context.layer("dense", LayerOptions.at(options, "units", hidden, "use_bias", bias), sequence);
        Layer linear2 = context.layer("dense", LayerOptions.at(options, "units", sequence.dim(1), "use_bias", bias),
                linear1.outputShape(sequence));
        return new FeedForward(linear1, linear2, gelu, dropout,
                context.trainingRandom());
    }

    /** @return a layer norm over the width, with the options' epsilon */
    static Layer norm(Options options, Shape sequence, LayerContext context) {
        LayerOptions.positiveNumber(options, "layer_norm_eps", 1e-5);
        return context.layer("layer_norm", LayerOptions.at(options, "epsilon", options.getDouble("layer_norm_eps", 1e-5)),
                sequence);
    }

    /** @return {@code linear2(dropout(activation(linear1(x))))} */
    Tensor apply(Tensor x, Mode mode) {
        Tensor h = linear1.forward(x, mode);
        h = gelu ? h.gelu() : h.relu();
        return linear2.forward(drop(h, mode), mode);
    }

    /** @return {@code x} after dropout with this block's probability */
    Tensor drop(Tensor x, Mode mode) {
        return dropout == 0f ? x : x.backend().dropout(x, dropout, mode, random);
    }
}
