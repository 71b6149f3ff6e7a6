package org.neurite.plugins.transformer;

import java.util.List;

import org.neurite.api.ArrayKernels;
import org.neurite.api.Parameter;

/**
 * Copies of the blocks' matrices and of the head in the layout a decode step reads (see
 * {@link ArrayKernels#packLinear}), made when a session starts: a product of one or two rows then
 * reads each weight once, front to back.
 */
record PackedMatrices(float[][] inProj, float[][] outProj, float[][] linear1, float[][] linear2, float[] head) {

    /**
     * @param blocks the blocks' parameters
     * @param head the head's weight {@code [vocabulary, width]}
     * @param kernels the array kernels the steps run on
     * @return the matrices as they are now, in the layout those kernels' steps read
     */
    static PackedMatrices of(List<BlockWeights> blocks, Parameter head, ArrayKernels kernels) {
        int n = blocks.size();
        PackedMatrices m = new PackedMatrices(new float[n][], new float[n][], new float[n][], new float[n][],
                packed(head, kernels));
        for (int i = 0; i < n; i++) {
            BlockWeights b = blocks.get(i);
            m.inProj()[i] = packed(b.inProjWeight(), kernels);
            m.outProj()[i] = packed(b.outProjWeight(), kernels);
            m.linear1()[i] = packed(b.linear1Weight(), kernels);
            m.linear2()[i] = packed(b.linear2Weight(), kernels);
        }
        return m;
    }

    /** A weight {@code [out, in]} copied as {@link ArrayKernels#packLinear} lays it out. */
    private static float[] packed(Parameter p, ArrayKernels kernels) {
        return kernels.packLinear(p.data(), p.shape().dim(0), p.shape().dim(1));
    }
}
