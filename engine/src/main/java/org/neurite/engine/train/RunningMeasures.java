package org.neurite.engine.train;

import org.neurite.api.Tensor;

/**
 * Sums over the batches of a pass through a data set: the loss weighted by batch size, the
 * number of samples, and, while every batch looks like classification, the confusion matrix.
 */
final class RunningMeasures {

    private double lossSum;
    private long samples;
    private ConfusionMatrix confusion;
    private boolean classification = true;

    /**
     * Counts one batch.
     *
     * @param batchLoss the batch's mean loss, or NaN if none was computed
     * @param prediction the model output for the batch
     * @param targets the batch's targets
     */
    void add(double batchLoss, Tensor prediction, Tensor targets) {
        int n = targets.dim(0);
        lossSum += batchLoss * n;
        samples += n;
        classification &= ConfusionMatrix.isClassification(prediction.shape(), targets.shape());
        if (classification) {
            if (confusion == null) {
                confusion = new ConfusionMatrix(prediction.dim(1));
            }
            confusion.add(prediction, targets);
        } else {
            confusion = null;
        }
    }

    /** @return the number of samples counted */
    long samples() {
        return samples;
    }

    /** @return the mean loss per sample, or NaN if nothing was counted */
    double meanLoss() {
        return samples == 0 ? Double.NaN : lossSum / samples;
    }

    /** @return the confusion matrix, or {@code null} unless every batch was classification */
    ConfusionMatrix confusion() {
        return confusion;
    }

    /** @return the accuracy, or NaN unless every batch was classification */
    double accuracy() {
        return confusion == null ? Double.NaN : confusion.accuracy();
    }
}
