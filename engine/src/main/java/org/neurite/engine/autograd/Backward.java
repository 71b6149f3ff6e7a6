package org.neurite.engine.autograd;

/**
 * The backward step of one recorded operation: given d(loss)/d(output), it adds
 * d(loss)/d(input) into each input that requires a gradient
 * (via {@link org.neurite.engine.tensor.CpuTensor#accumulateGrad}).
 */
@FunctionalInterface
public interface Backward {

    /**
     * @param outputGrad the gradient of the operation's output, row-major, of the output's size;
     *     must not be modified or kept
     */
    void apply(float[] outputGrad);
}
