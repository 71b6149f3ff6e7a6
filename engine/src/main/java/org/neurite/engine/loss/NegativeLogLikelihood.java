package org.neurite.engine.loss;

import org.neurite.api.Loss;
import org.neurite.api.Tensor;
import org.neurite.engine.tensor.CpuTensor;

/**
 * {@code nll}: the negative log-likelihood of log-probabilities {@code [batch, classes]} (such
 * as a {@code log_softmax} output) at class indices {@code [batch]}, or per step
 * {@code [batch, time, classes]} at {@code [batch, time]}: {@code -mean(input[i, label_i])} over
 * the targets that are not {@link Loss#IGNORE_INDEX}, as PyTorch's {@code nll_loss}.
 */
public final class NegativeLogLikelihood implements Loss {

    private static final String NAME = "nll";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Tensor compute(Tensor prediction, Tensor target) {
        CpuTensor p = CpuTensor.of(prediction);
        CpuTensor t = CpuTensor.of(target);
        int[] labels = LossShapes.classLabels(NAME, p, t);
        int classes = p.dim(-1);
        float[] x = p.data();
        float[] dP = MeanLoss.needsGrad(p) ? new float[x.length] : null;
        double sum = 0;
        for (int r = 0; r < labels.length; r++) {
            if (labels[r] < 0) {
                continue;
            }
            int k = r * classes + labels[r];
            sum -= x[k];
            if (dP != null) {
                dP[k] = -1;
            }
        }
        return MeanLoss.result(NAME, sum, LossShapes.counted(labels), p, dP, t, null);
    }

    @Override
    public String toString() {
        return NAME;
    }
}
