package org.neurite.engine.train;

/**
 * What an {@link Evaluator} measured on a data set.
 *
 * @param samples the number of samples seen
 * @param loss the mean loss per sample, or NaN if no loss was given
 * @param confusion the confusion matrix, or {@code null} when the targets are not class labels
 */
public record Evaluation(long samples, double loss, ConfusionMatrix confusion) {

    /** @return the fraction of samples classified correctly, or NaN when the targets are not class labels */
    public double accuracy() {
        return confusion == null ? Double.NaN : confusion.accuracy();
    }
}
