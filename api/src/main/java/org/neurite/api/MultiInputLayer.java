package org.neurite.api;

import java.util.List;

/**
 * A layer that takes several inputs, in the order a model graph lists them: a merge
 * ({@code add}, {@code concat}), attention with a padding mask or an encoder's memory, a
 * recurrent layer with an initial state.
 *
 * <p>Padding masks, wherever a layer takes one, are float tensors {@code [batch, time]}
 * holding {@code 1} at real steps and {@code 0} at padded ones.
 *
 * <p>Used with one input, it behaves as a {@link Layer} whose only input is that one.
 */
public interface MultiInputLayer extends Layer {

    /**
     * Computes the per-sample output shape for the per-sample input shapes, without any data.
     *
     * @param inputShapes the per-sample shape of each input, in order
     * @return the per-sample output shape
     * @throws ShapeMismatchException if this layer cannot take those inputs, naming the shapes
     */
    Shape outputShape(List<Shape> inputShapes);

    /**
     * Applies the layer to a batch of each input.
     *
     * @param inputs each input, {@code [batch, ...inputShape]}, in order
     * @param mode training or inference
     * @return the output, {@code [batch, ...outputShape]}
     */
    Tensor forward(List<Tensor> inputs, Mode mode);

    @Override
    default Shape outputShape(Shape inputShape) {
        return outputShape(List.of(inputShape));
    }

    @Override
    default Tensor forward(Tensor input, Mode mode) {
        return forward(List.of(input), mode);
    }
}
