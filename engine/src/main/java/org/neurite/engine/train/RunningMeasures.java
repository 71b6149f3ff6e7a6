package org.neurite.engine.train;

import org.neurite.api.Tensor;

/**
 * Sums over the batches of a pass through a data set: the loss weighted by batch size, the
 * number of samples, and, while every batch looks like classification, the confusion matrix;
 * or, while every batch is per-step classification, the steps and the correct ones, with the
 * loss weighted by the steps that count (the batch loss is a mean over them).
 */
final class RunningMeasures {

    private double lossSum;
    private double weightSum;
    private long samples;
    private ConfusionMatrix confusion;
    private boolean classification = true;
    private TokenCounts tokens = new TokenCounts();

    /**
     * Counts one batch.
     *
     * @param batchLoss the batch's mean loss, or NaN if none was computed
     * @param prediction the model output for the batch
     * @param targets the batch's targets
     */
    void add(double batchLoss, Tensor prediction, Tensor targets) {
        int n = targets.dim(0);
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
        long weight = n;
        if (tokens != null && TokenCounts.isPerStep(prediction.shape(), targets.shape())) {
            weight = tokens.add(prediction, targets);
        } else {
            tokens = null;
        }
        lossSum += batchLoss * weight;
        weightSum += weight;
    }

    /** @return the number of samples counted */
    long samples() {
        return samples;
    }

    /** @return the mean loss per sample (per counted step for per-step targets), or NaN if nothing was counted */
    double meanLoss() {
        return weightSum == 0 ? Double.NaN : lossSum / weightSum;
    }

    /** @return the confusion matrix, or {@code null} unless every batch was classification */
    ConfusionMatrix confusion() {
        return confusion;
    }

    /** @return the step counts, or {@code null} unless every batch was per-step classification */
    TokenCounts tokens() {
        return samples == 0 ? null : tokens;
    }

    /** @return the accuracy (per counted step for per-step targets), or NaN unless every batch was classification */
    double accuracy() {
        return confusion != null ? confusion.accuracy() : tokens() != null ? tokens.accuracy() : Double.NaN;
    }
}
