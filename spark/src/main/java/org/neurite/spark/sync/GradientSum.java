package org.neurite.spark.sync;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.neurite.api.Parameter;
import org.neurite.api.Shape;
import org.neurite.engine.CpuBackend;
import org.neurite.engine.train.StepGradients;

/**
 * Sums the micro-batches' gradients of a step in their order in the batch, whatever the order
 * they arrived in or the tasks that computed them: so the sum, and so the weights, are the same
 * bit for bit for any number of partitions. Each micro-batch's gradient (of its mean loss) counts
 * in proportion to its weight, so the sum is the gradient of the whole batch's mean loss.
 */
final class GradientSum {

    private GradientSum() {
    }

    /**
     * Sets the parameters' gradients to the weighted sum and joins the outputs.
     *
     * @param parts every micro-batch of the step, in any order
     * @param parameters the driver's parameters, in the model's order
     * @return the step's loss and output
     */
    static StepGradients.Outcome apply(List<MicroGradient> parts, Map<String, ? extends Parameter> parameters) {
        List<MicroGradient> ordered = new ArrayList<>(parts);
        ordered.sort(Comparator.comparingInt(MicroGradient::index));
        long total = 0;
        for (MicroGradient g : ordered) {
            total += g.weight();
        }
        int n = ordered.get(0).gradient().length;
        float[] sum = new float[n];
        boolean[] present = new boolean[parameters.size()];
        double loss = 0;
        for (MicroGradient g : ordered) {
            float w = total == 0 ? 0f : (float) ((double) g.weight() / total);
            float[] values = g.gradient();
            for (int i = 0; i < n; i++) {
                sum[i] += w * values[i];
            }
            for (int p = 0; p < present.length; p++) {
                present[p] |= g.present()[p];
            }
            loss += total == 0 ? 0 : g.loss() * g.weight() / total;
        }
        int offset = 0;
        int p = 0;
        for (Parameter parameter : parameters.values()) {
            int size = parameter.shape().intSize();
            if (present[p++]) {
                float[] values = new float[size];
                System.arraycopy(sum, offset, values, 0, size);
                parameter.setGradient(CpuBackend.instance().tensor(values, parameter.shape()));
            }
            offset += size;
        }
        return new StepGradients.Outcome(loss, predictions(ordered));
    }

    /** The micro-batches' outputs stacked along the first axis, in batch order. */
    private static org.neurite.api.Tensor predictions(List<MicroGradient> ordered) {
        int[] dims = ordered.get(0).predictionShape().clone();
        int rows = 0;
        int length = 0;
        for (MicroGradient g : ordered) {
            rows += g.predictionShape()[0];
            length += g.prediction().length;
        }
        float[] values = new float[length];
        int at = 0;
        for (MicroGradient g : ordered) {
            System.arraycopy(g.prediction(), 0, values, at, g.prediction().length);
            at += g.prediction().length;
        }
        dims[0] = rows;
        return CpuBackend.instance().tensor(values, Shape.of(dims));
    }
}
