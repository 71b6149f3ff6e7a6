package org.neurite.engine.loss;

import org.neurite.api.Loss;
import org.neurite.api.Tensor;
import org.neurite.engine.kernel.Exponentials;
import org.neurite.engine.kernel.Parallel;
import org.neurite.engine.tensor.CpuTensor;

/**
 * {@code cross_entropy}: softmax cross-entropy of logits {@code [batch, classes]} against class
 * indices {@code [batch]} (stored as floats), or per step of logits {@code [batch, time, classes]}
 * against {@code [batch, time]}, averaged over the targets that are not
 * {@link Loss#IGNORE_INDEX} (padding), as PyTorch's {@code cross_entropy} with
 * {@code ignore_index=-100} on the flattened positions. One fused pass per row computes the log-sum-exp after subtracting the
 * row's maximum, so logits of {@code ±1000} give exact finite losses, and keeps the softmax for
 * the gradient {@code softmax - onehot}.
 *
 * <p>With label smoothing {@code e}, the target distribution is {@code (1 - e) onehot + e / classes},
 * so the loss is {@code (1 - e) nll + e * mean over classes of -log p}, as in PyTorch.
 */
public final class SoftmaxCrossEntropy implements Loss {

    private static final String NAME = "cross_entropy";
    /** Logits per chunk below which a chunk of rows is not worth another thread. */
    private static final int CHUNK = 1 << 14;

    private final float labelSmoothing;

    /** Creates the loss without label smoothing. */
    public SoftmaxCrossEntropy() {
        this(0f);
    }

    /**
     * @param labelSmoothing the share of the target spread evenly over all classes, in {@code [0, 1]}
     */
    public SoftmaxCrossEntropy(float labelSmoothing) {
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) {
            throw new IllegalArgumentException(NAME + ": label smoothing must be in [0, 1], got " + labelSmoothing);
        }
        this.labelSmoothing = labelSmoothing;
    }

    /** @return the share of the target spread evenly over all classes */
    public float labelSmoothing() {
        return labelSmoothing;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Tensor compute(Tensor prediction, Tensor target) {
        CpuTensor p = CpuTensor.of(prediction);
        CpuTensor t = CpuTensor.of(target);
        int[] labels = LossShapes.classLabels(NAME, p, t);
        int rows = labels.length;
        int classes = p.dim(-1);
        float[] x = p.data();
        float[] dP = MeanLoss.needsGrad(p) ? new float[x.length] : null;
        double[] rowLoss = new double[rows];
        Parallel.forRange(rows, Math.max(1, CHUNK / Math.max(1, classes)),
                (from, to) -> rows(x, labels, classes, from, to, rowLoss, dP));
        double sum = 0;
        for (double l : rowLoss) {
            sum += l;
        }
        return MeanLoss.result(NAME, sum, LossShapes.counted(labels), p, dP, t, null);
    }

    /**
     * The fused kernel for rows {@code [from, to)}: loss per row and, if asked, d(row loss)/d(logits);
     * an ignored row adds nothing to either. The exponentials are float, a vector at a time
     * ({@link Exponentials}), written where the gradient goes (else into a row of scratch); the
     * log-sum-exp and the loss are double.
     */
    private void rows(float[] x, int[] labels, int classes, int from, int to, double[] rowLoss, float[] dP) {
        double eps = labelSmoothing;
        float[] e = dP != null ? dP : new float[classes];
        for (int r = from; r < to; r++) {
            if (labels[r] < 0) {
                continue;
            }
            int off = r * classes;
            float max = Float.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, x[off + c]);
            }
            int at = dP != null ? off : 0;
            System.arraycopy(x, off, e, at, classes);
            double sumExp = Exponentials.expShifted(e, at, classes, max);
            double logSum = Math.log(sumExp);
            double nll = logSum - ((double) x[off + labels[r]] - max);
            if (eps == 0) {
                rowLoss[r] = nll;
            } else {
                double sumShifted = 0;
                for (int c = 0; c < classes; c++) {
                    sumShifted += (double) x[off + c] - max;
                }
                // -mean over classes of log p_c = -(sum of z_c - classes * logSum) / classes
                rowLoss[r] = (1 - eps) * nll + eps * (logSum - sumShifted / classes);
            }
            if (dP != null) {
                double inv = 1 / sumExp;
                double spread = eps / classes;
                for (int c = 0; c < classes; c++) {
                    dP[off + c] = (float) (dP[off + c] * inv - spread);
                }
                dP[off + labels[r]] -= (float) (1 - eps);
            }
        }
    }

    @Override
    public String toString() {
        return NAME + "(label_smoothing=" + labelSmoothing + ")";
    }
}
