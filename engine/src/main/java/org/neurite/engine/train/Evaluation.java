package org.neurite.engine.train;

/**
 * What an {@link Evaluator} measured on a data set.
 *
 * @param samples the number of samples seen
 * @param loss the mean loss per sample (per step that counts, for per-step targets), or NaN if no loss was given
 * @param confusion the confusion matrix, or {@code null} when the targets are not one class label per sample
 * @param tokens the steps counted and the correct ones, or {@code null} when the targets are not classes per step
 */
public record Evaluation(long samples, double loss, ConfusionMatrix confusion, TokenCounts tokens) {

    /**
     * An evaluation of one target per sample.
     *
     * @param samples the number of samples seen
     * @param loss the mean loss per sample, or NaN
     * @param confusion the confusion matrix, or {@code null}
     */
    public Evaluation(long samples, double loss, ConfusionMatrix confusion) {
        this(samples, loss, confusion, null);
    }

    /**
     * @return the fraction of samples classified correctly, or for per-step targets the fraction
     *     of steps (token accuracy); NaN when the targets are not class labels
     */
    public double accuracy() {
        return confusion != null ? confusion.accuracy() : tokens != null ? tokens.accuracy() : Double.NaN;
    }

    /**
     * @return for per-step targets, {@code exp} of the mean loss per step: the perplexity when the
     *     loss is cross-entropy (the model is as unsure as a uniform choice among this many tokens);
     *     otherwise NaN
     */
    public double perplexity() {
        return tokens == null ? Double.NaN : Math.exp(loss);
    }
}
