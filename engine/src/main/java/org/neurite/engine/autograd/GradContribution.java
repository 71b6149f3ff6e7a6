package org.neurite.engine.autograd;

/**
 * A gradient contribution computed straight into the array that receives it, so that a backward
 * step need not allocate an array of its own (see
 * {@link org.neurite.engine.tensor.CpuTensor#accumulateGradWith}).
 */
@FunctionalInterface
public interface GradContribution {

    /**
     * @param target an array of the tensor's size whose old contents are meaningless: every
     *     element must be overwritten with d(loss)/d(tensor)
     */
    void writeInto(float[] target);
}
