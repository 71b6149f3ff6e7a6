package org.neurite.engine.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

import org.neurite.api.Layer;
import org.neurite.api.Mode;
import org.neurite.api.Shape;
import org.neurite.api.Tensor;
import org.neurite.engine.autograd.GradMode;
import org.neurite.engine.tensor.CpuTensor;

/**
 * Runs a large batch through a stack of layers in slices when nothing is recorded for a backward
 * pass (inference without gradients), and joins the slices' outputs along the batch axis. In
 * inference every sample's output depends on that sample alone, so the result is the same; what
 * changes is the memory: the activations of a slice live at a time rather than those of the whole
 * batch (a small CNN's first feature maps at batch 1000 take 100 MB, which the collector would
 * otherwise copy into the old generation and size the heap by). A slice holds as many samples as
 * keep the largest activation within {@link #BUDGET_BYTES}, so models with small activations (an
 * MLP at batch 1000) run whole, with the large products the GEMM is fastest at.
 */
final class InferenceSlices {

    /** Bytes the largest activation of a slice may take; the system property {@code neurite.inference.sliceMiB} overrides it (0: never slice). */
    static final long BUDGET_BYTES = Long.getLong("neurite.inference.sliceMiB", 32) << 20;

    private InferenceSlices() {
    }

    /**
     * @param inputShape the per-sample input shape
     * @param layers the layers, each taking the previous one's output
     * @param budgetBytes the bytes the largest activation of a slice may take, 0 for no slices
     * @return the samples per slice, or {@link Integer#MAX_VALUE} for no slices
     */
    static int samplesPerSlice(Shape inputShape, List<Layer> layers, long budgetBytes) {
        if (budgetBytes <= 0) {
            return Integer.MAX_VALUE;
        }
        long largest = inputShape.size();
        Shape shape = inputShape;
        for (Layer layer : layers) {
            shape = layer.outputShape(shape);
            largest = Math.max(largest, shape.size());
        }
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, budgetBytes / (Float.BYTES * Math.max(1, largest))));
    }

    /**
     * @param input the input, with the batch axis first
     * @param sampleShape the shape of one sample, the input's shape without its batch axis
     * @param mode the mode of the pass
     * @param slice the samples per slice
     * @return whether the pass runs in slices: inference, gradients off, more samples than a slice
     */
    static boolean apply(Tensor input, Shape sampleShape, Mode mode, int slice) {
        return mode == Mode.INFERENCE && !GradMode.isEnabled()
                && input.shape().rank() == sampleShape.rank() + 1 && input.shape().dims()[0] > slice;
    }

    /**
     * @param input the input, with the batch axis first
     * @param slice the samples per slice
     * @param layers runs the layers on one slice
     * @return the slices' outputs joined along the batch axis
     */
    static Tensor forward(Tensor input, int slice, UnaryOperator<Tensor> layers) {
        CpuTensor x = CpuTensor.of(input);
        int[] dims = x.shape().dims();
        int batch = dims[0];
        int per = (int) (x.size() / batch);
        List<Tensor> outputs = new ArrayList<>();
        for (int first = 0; first < batch; first += slice) {
            int count = Math.min(slice, batch - first);
            int[] sliceDims = dims.clone();
            sliceDims[0] = count;
            Tensor out = layers.apply(CpuTensor.wrap(Arrays.copyOfRange(x.data(), first * per, (first + count) * per),
                    Shape.of(sliceDims)));
            if (out.shape().rank() == 0 || out.shape().dims()[0] != count) {
                return layers.apply(input); // an output without the batch axis first: no slices to join
            }
            outputs.add(out);
        }
        return input.backend().concat(outputs, 0);
    }
}
