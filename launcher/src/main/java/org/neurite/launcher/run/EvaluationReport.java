package org.neurite.launcher.run;

import java.util.Locale;

import org.neurite.engine.train.ConfusionMatrix;
import org.neurite.engine.train.Evaluation;
import org.neurite.engine.train.TokenCounts;

/**
 * How a measured model is shown: one summary line, the same for {@code train}'s test result and
 * for {@code evaluate}, and for classifiers a per-class table and the confusion matrix.
 */
public final class EvaluationReport {

    private EvaluationReport() {
    }

    /**
     * @param e an evaluation
     * @return {@code accuracy 0.9750 (39 of 40)  loss 0.0812}; for classes per step
     *     {@code token accuracy 0.3012 (33604 of 111552 tokens)  loss 2.4989  perplexity 12.17};
     *     only the loss when the targets are not classes
     */
    public static String summary(Evaluation e) {
        if (e.tokens() != null) {
            TokenCounts t = e.tokens();
            String tokens = String.format(Locale.ROOT, "token accuracy %.4f (%d of %d tokens)", t.accuracy(), t.correct(),
                    t.tokens());
            return Double.isNaN(e.loss()) ? tokens
                    : tokens + String.format(Locale.ROOT, "  loss %.4f  perplexity %.2f", e.loss(), e.perplexity());
        }
        StringBuilder sb = new StringBuilder();
        ConfusionMatrix m = e.confusion();
        if (m != null) {
            sb.append(String.format(Locale.ROOT, "accuracy %.4f (%d of %d)%s", m.accuracy(), correct(m), m.total(),
                    Double.isNaN(e.loss()) ? "" : "  "));
        }
        if (!Double.isNaN(e.loss())) {
            sb.append(String.format(Locale.ROOT, "loss %.4f", e.loss()));
        }
        if (m == null) {
            sb.append(" (").append(e.samples()).append(" samples)");
        }
        return sb.toString();
    }

    /**
     * @param e an evaluation of a classifier
     * @return precision, recall and support per class, then the confusion matrix; empty when the
     *     targets are not classes
     */
    public static String details(Evaluation e) {
        return details(e, null);
    }

    /**
     * @param e an evaluation of a classifier
     * @param classNames the names of the classes in index order, or {@code null}
     * @return precision, recall and support per class (named when names are given), then the
     *     confusion matrix; empty when the targets are not classes
     */
    public static String details(Evaluation e, java.util.List<String> classNames) {
        ConfusionMatrix m = e.confusion();
        if (m == null) {
            return "";
        }
        String nl = System.lineSeparator();
        boolean named = classNames != null && classNames.size() == m.classes();
        int width = named ? Math.max(5, classNames.stream().mapToInt(String::length).max().orElse(0)) : 5;
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%5s  %" + (named ? "-" + width + "s  " : "s")
                + "%9s  %6s  %7s", "class", named ? "name" : "", "precision", "recall", "samples"));
        for (int c = 0; c < m.classes(); c++) {
            long support = 0;
            for (int p = 0; p < m.classes(); p++) {
                support += m.count(c, p);
            }
            sb.append(nl).append(String.format(Locale.ROOT, "%5d  %" + (named ? "-" + width + "s  " : "s")
                    + "%9.4f  %6.4f  %7d", c, named ? classNames.get(c) : "", m.precision(c), m.recall(c), support));
        }
        sb.append(nl).append(nl).append("confusion matrix (rows: true class, columns: predicted class)").append(nl);
        sb.append(m);
        return sb.toString();
    }

    private static long correct(ConfusionMatrix m) {
        long correct = 0;
        for (int c = 0; c < m.classes(); c++) {
            correct += m.count(c, c);
        }
        return correct;
    }
}
