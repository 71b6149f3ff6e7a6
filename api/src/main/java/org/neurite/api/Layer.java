package org.neurite.api;

import java.util.Map;

/**
 * A building block of a model: it holds parameters and maps a batch of inputs to a batch of
 * outputs.
 *
 * <p>A layer is created for a known input shape (see {@link LayerProvider#create}), so its
 * parameters exist from the start. Shapes given to and returned by {@link #outputShape} are
 * per sample, without the batch axis; tensors given to {@link #forward} carry the batch axis
 * first.
 */
public interface Layer {

    /** @return the provider name this layer was created by, such as {@code dense} */
    String type();

    /** @return the options this layer was created with, so that it can be recreated (saved architecture) */
    Options options();

    /**
     * Computes the per-sample output shape for a per-sample input shape, without any data.
     *
     * @param inputShape the per-sample input shape
     * @return the per-sample output shape
     * @throws ShapeMismatchException if this layer cannot take that input, naming both shapes
     */
    Shape outputShape(Shape inputShape);

    /**
     * The parameters and buffers of this layer and of the layers inside it, by name, in a
     * stable order. Names of nested layers are joined with dots: {@code 2.weight}, as PyTorch names the parts of {@code nn.Sequential}.
     *
     * @return the named parameters; empty for a layer without any
     */
    Map<String, Parameter> parameters();

    /**
     * Applies the layer to a batch.
     *
     * @param input the input, {@code [batch, ...inputShape]}
     * @param mode training or inference
     * @return the output, {@code [batch, ...outputShape]}
     */
    Tensor forward(Tensor input, Mode mode);

    /**
     * Applies this layer and then {@code next}, the layer that directly follows it in a model, as
     * one step, if this layer knows how: a convolution with ReLU followed by 2x2 max pooling runs
     * as one fused op ({@link Backend#conv2dReluMaxPool2d}). The result must equal
     * {@code next.forward(forward(input, mode), mode)} in values and gradients. A model asks before
     * each layer that has a sole successor, and runs the two layers one after another when this
     * returns {@code null}, which the default does.
     *
     * @param input the input of this layer, {@code [batch, ...inputShape]}
     * @param next the following layer, which takes this layer's output and nothing else
     * @param mode training or inference
     * @return {@code next}'s output, or {@code null} to run the two layers one after another
     */
    default Tensor forwardFused(Tensor input, Layer next, Mode mode) {
        return null;
    }
}
