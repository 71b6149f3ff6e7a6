package org.neurite.engine.autograd;

import org.neurite.engine.tensor.CpuTensor;

/**
 * A recorded operation in the graph: the inputs it read and how to send its output's gradient
 * back to them.
 *
 * @param name the operation's name, for error messages
 * @param inputs the operands that require a gradient (others are not kept)
 * @param backward the backward step
 * @param place the layer whose forward recorded the operation, or {@code null} outside every layer
 */
public record Node(String name, CpuTensor[] inputs, Backward backward, LayerScope.Place place) {
}
