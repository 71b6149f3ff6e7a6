package org.neurite.engine.train;

import org.neurite.api.Loss;
import org.neurite.api.Shape;
import org.neurite.api.Tensor;
import org.neurite.engine.tensor.CpuTensor;

/**
 * Counts the steps of per-step classification ({@code [batch, time, classes]} scores against
 * {@code [batch, time]} class indices): the steps that count (targets other than
 * {@link Loss#IGNORE_INDEX}) and those whose arg-max score is the target (token accuracy).
 */
public final class TokenCounts {

    private long tokens;
    private long correct;

    /**
     * Counts made elsewhere, such as on a Spark executor.
     *
     * @param tokens the steps that count
     * @param correct those predicted right, at most {@code tokens}
     * @return the counts
     */
    public static TokenCounts of(long tokens, long correct) {
        if (tokens < 0 || correct < 0 || correct > tokens) {
            throw new IllegalArgumentException("token counts: need 0 <= correct <= tokens, got " + correct + " of " + tokens);
        }
        TokenCounts c = new TokenCounts();
        c.tokens = tokens;
        c.correct = correct;
        return c;
    }

    /**
     * @param prediction the scores' shape
     * @param target the targets' shape
     * @return whether they are per-step classification: scores {@code [batch, time, classes]}
     *     with at least two classes, targets {@code [batch, time]}
     */
    public static boolean isPerStep(Shape prediction, Shape target) {
        return prediction.rank() >= 3 && prediction.dim(-1) >= 2 && target.equals(prediction.sub(0, prediction.rank() - 1));
    }

    /**
     * Counts a batch.
     *
     * @param prediction scores {@code [batch, time, classes]}
     * @param target class indices {@code [batch, time]}, {@link Loss#IGNORE_INDEX} at padding
     * @return the number of steps of the batch that count
     */
    public long add(Tensor prediction, Tensor target) {
        float[] scores = values(prediction);
        float[] labels = values(target);
        int classes = prediction.dim(-1);
        long counted = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == Loss.IGNORE_INDEX) {
                continue;
            }
            counted++;
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (scores[i * classes + c] > scores[i * classes + best]) {
                    best = c;
                }
            }
            correct += best == (int) labels[i] ? 1 : 0;
        }
        tokens += counted;
        return counted;
    }

    /** The tensor's values, read only: the engine's own array, without the copy {@link Tensor#toArray()} makes. */
    private static float[] values(Tensor t) {
        return t instanceof CpuTensor c ? c.data() : t.toArray();
    }

    /** @return the steps counted, padding left out */
    public long tokens() {
        return tokens;
    }

    /** @return the counted steps whose highest score was the target */
    public long correct() {
        return correct;
    }

    /** @return the share of counted steps whose highest score was the target, or NaN if none was counted */
    public double accuracy() {
        return tokens == 0 ? Double.NaN : (double) correct / tokens;
    }
}
