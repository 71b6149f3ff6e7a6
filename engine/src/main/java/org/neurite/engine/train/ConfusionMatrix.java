package org.neurite.engine.train;

import org.neurite.api.Shape;
import org.neurite.api.Tensor;

/**
 * Counts of (true class, predicted class) pairs for a classifier whose output is one score per
 * class ({@code [batch, classes]}) and whose targets are class indices stored as floats
 * ({@code [batch]}). The predicted class is the arg-max of the scores (the first on ties).
 */
public final class ConfusionMatrix {

    private final long[][] counts;
    private long total;

    /**
     * @param classes the number of classes, at least 1
     */
    public ConfusionMatrix(int classes) {
        if (classes < 1) {
            throw new IllegalArgumentException("a confusion matrix needs at least one class, got " + classes);
        }
        this.counts = new long[classes][classes];
    }

    /**
     * A matrix counted elsewhere, such as on a Spark executor.
     *
     * @param counts the counts by true class, then predicted class: a square array, at least 1 x 1
     * @return the matrix, with a copy of the counts
     * @throws IllegalArgumentException if the array is not square
     */
    public static ConfusionMatrix of(long[][] counts) {
        ConfusionMatrix m = new ConfusionMatrix(counts.length);
        for (int a = 0; a < counts.length; a++) {
            if (counts[a].length != counts.length) {
                throw new IllegalArgumentException("a confusion matrix is square: row " + a + " has "
                        + counts[a].length + " counts for " + counts.length + " classes");
            }
            for (int p = 0; p < counts.length; p++) {
                m.counts[a][p] = counts[a][p];
                m.total += counts[a][p];
            }
        }
        return m;
    }

    /**
     * Tells whether a prediction and its targets are scores per class and class labels, the
     * case in which accuracy is measured.
     *
     * @param prediction the shape of the model output, with the batch axis
     * @param target the shape of the targets, with the batch axis
     * @return whether the prediction is {@code [batch, classes]} with at least two classes and
     *     the target {@code [batch]}
     */
    public static boolean isClassification(Shape prediction, Shape target) {
        return prediction.rank() == 2 && prediction.dim(1) >= 2 && target.rank() == 1
                && target.dim(0) == prediction.dim(0);
    }

    /**
     * Counts a batch.
     *
     * @param prediction scores, {@code [batch, classes]}
     * @param target class indices, {@code [batch]}
     * @throws IllegalArgumentException if the shapes do not fit or a label is not a class index,
     *     naming the sample
     */
    public void add(Tensor prediction, Tensor target) {
        if (!isClassification(prediction.shape(), target.shape()) || prediction.dim(1) != classes()) {
            throw new IllegalArgumentException("confusion matrix of " + classes() + " classes: expected scores [batch, "
                    + classes() + "] and labels [batch], got " + prediction.shape() + " and " + target.shape());
        }
        float[] scores = prediction.toArray();
        float[] labels = target.toArray();
        int k = classes();
        for (int i = 0; i < labels.length; i++) {
            counts[label(labels[i], i)][argmax(scores, i * k, k)]++;
        }
        total += labels.length;
    }

    private int label(float value, int sample) {
        int c = (int) value;
        if (c != value || c < 0 || c >= classes()) {
            throw new IllegalArgumentException("label " + value + " of sample " + sample
                    + " in the batch is not a class index in [0, " + classes() + ")");
        }
        return c;
    }

    private static int argmax(float[] scores, int offset, int length) {
        int best = 0;
        float bestValue = scores[offset];
        for (int j = 1; j < length; j++) {
            // NaN never wins, so a NaN score cannot hide a valid one
            if (scores[offset + j] > bestValue || Float.isNaN(bestValue)) {
                best = j;
                bestValue = scores[offset + j];
            }
        }
        return best;
    }

    /** @return the number of classes */
    public int classes() {
        return counts.length;
    }

    /** @return the number of samples counted */
    public long total() {
        return total;
    }

    /**
     * @param actual the true class
     * @param predicted the predicted class
     * @return how many samples of class {@code actual} were predicted as {@code predicted}
     */
    public long count(int actual, int predicted) {
        return counts[actual][predicted];
    }

    /** @return the fraction of samples predicted correctly, or NaN if none was counted */
    public double accuracy() {
        long correct = 0;
        for (int c = 0; c < classes(); c++) {
            correct += counts[c][c];
        }
        return total == 0 ? Double.NaN : (double) correct / total;
    }

    /**
     * @param c a class
     * @return of the samples predicted as {@code c}, the fraction that are {@code c}; 0 if none was
     */
    public double precision(int c) {
        long predicted = 0;
        for (long[] row : counts) {
            predicted += row[c];
        }
        return predicted == 0 ? 0 : (double) counts[c][c] / predicted;
    }

    /**
     * @param c a class
     * @return of the samples of class {@code c}, the fraction predicted as {@code c}; 0 if there was none
     */
    public double recall(int c) {
        long actual = 0;
        for (long n : counts[c]) {
            actual += n;
        }
        return actual == 0 ? 0 : (double) counts[c][c] / actual;
    }

    /** @return the counts as a table: one row per true class, one column per predicted class */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("true\\pred");
        for (int c = 0; c < classes(); c++) {
            sb.append(String.format("%7d", c));
        }
        for (int a = 0; a < classes(); a++) {
            sb.append(System.lineSeparator()).append(String.format("%9d", a));
            for (int p = 0; p < classes(); p++) {
                sb.append(String.format("%7d", counts[a][p]));
            }
        }
        return sb.toString();
    }
}
