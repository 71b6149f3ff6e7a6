package org.neurite.engine.autograd;

/**
 * The backward step of one recorded operation: given d(loss)/d(output), it adds
 * d(loss)/d(input) into each input that requires a gradient
 * (via {@link org.neurite.engine.tensor.CpuTensor#accumulateGrad} or
 * {@link org.neurite.engine.tensor.CpuTensor#adoptGrad}).
 */
@FunctionalInterface
public interface Backward {

    /**
     * @param outputGrad the gradient of the operation's output, row-major, of the output's size.
     *     The array belongs to this step: the output lets go of it once the step returns, so the
     *     step may overwrite it, for example to turn it into an input's gradient of the same
     *     size and hand it on with {@code adoptGrad} (after that it must not touch it again)
     */
    void apply(float[] outputGrad);
}
