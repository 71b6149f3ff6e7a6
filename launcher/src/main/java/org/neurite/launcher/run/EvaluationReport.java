package org.neurite.launcher.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
     * @return precision, recall, F1 and support per class, their macro and weighted averages, then
     *     the confusion matrix; empty when the targets are not classes
     */
    public static String details(Evaluation e) {
        return details(e, List.of());
    }

    /**
     * @param e an evaluation of a classifier
     * @param names the classes' names in index order, or {@code null} or empty to number them
     * @return as {@link #details(Evaluation)}, each class under its name
     */
    public static String details(Evaluation e, List<String> names) {
        ConfusionMatrix m = e.confusion();
        if (m == null) {
            return "";
        }
        List<ClassMeasures> rows = new ArrayList<>();
        int index = 0;
        for (ClassMeasures r : perClass(m, names)) {
            // a named class keeps its number in front: the confusion matrix below numbers them
            String label = r.name().equals(String.valueOf(index)) ? r.name() : index + "  " + r.name();
            rows.add(new ClassMeasures(label, r.precision(), r.recall(), r.f1(), r.support()));
            index++;
        }
        int width = Math.max(13, rows.stream().mapToInt(r -> r.name().length()).max().orElse(0));
        String format = "%" + width + "s  %9.4f  %6.4f  %6.4f  %7d";
        String nl = System.lineSeparator();
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%" + width + "s  %9s  %6s  %6s  %7s", "class",
                "precision", "recall", "f1", "samples"));
        for (ClassMeasures r : rows) {
            sb.append(nl).append(String.format(Locale.ROOT, format, r.name(), r.precision(), r.recall(), r.f1(),
                    r.support()));
        }
        sb.append(nl);
        for (ClassMeasures r : averages(rows)) {
            sb.append(nl).append(String.format(Locale.ROOT, format, r.name(), r.precision(), r.recall(), r.f1(),
                    r.support()));
        }
        sb.append(nl).append(nl).append("confusion matrix (rows: true class, columns: predicted class)").append(nl);
        sb.append(m);
        return sb.toString();
    }

    /**
     * One class's measures, or an average over the classes.
     *
     * @param name the class's name or number, or {@code macro avg} / {@code weighted avg}
     * @param precision correct among those predicted as the class
     * @param recall correct among those of the class
     * @param f1 the harmonic mean of precision and recall (0 when both are 0)
     * @param support the samples of the class
     */
    public record ClassMeasures(String name, double precision, double recall, double f1, long support) {
    }

    /**
     * @param m a confusion matrix
     * @param names the classes' names, or empty to number them
     * @return each class's measures, in class order
     */
    public static List<ClassMeasures> perClass(ConfusionMatrix m, List<String> names) {
        // names that do not match the classes one to one are not used: numbers are never wrong
        boolean named = names != null && names.size() == m.classes();
        List<ClassMeasures> rows = new ArrayList<>();
        for (int c = 0; c < m.classes(); c++) {
            long support = 0;
            for (int p = 0; p < m.classes(); p++) {
                support += m.count(c, p);
            }
            double precision = m.precision(c);
            double recall = m.recall(c);
            double f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
            rows.add(new ClassMeasures(named ? names.get(c) : String.valueOf(c), precision, recall, f1, support));
        }
        return rows;
    }

    /**
     * @param rows the classes' measures
     * @return their unweighted mean ({@code macro avg}) and their mean weighted by support ({@code weighted avg})
     */
    public static List<ClassMeasures> averages(List<ClassMeasures> rows) {
        double n = rows.size();
        long total = rows.stream().mapToLong(ClassMeasures::support).sum();
        double w = Math.max(total, 1);
        return List.of(
                new ClassMeasures("macro avg", rows.stream().mapToDouble(ClassMeasures::precision).sum() / n,
                        rows.stream().mapToDouble(ClassMeasures::recall).sum() / n,
                        rows.stream().mapToDouble(ClassMeasures::f1).sum() / n, total),
                new ClassMeasures("weighted avg", rows.stream().mapToDouble(r -> r.precision() * r.support()).sum() / w,
                        rows.stream().mapToDouble(r -> r.recall() * r.support()).sum() / w,
                        rows.stream().mapToDouble(r -> r.f1() * r.support()).sum() / w, total));
    }

    /**
     * The measures as values, for JSON: samples, loss, and as they apply accuracy, correct,
     * perplexity, the macro and weighted averages, and the per-class measures.
     *
     * @param e an evaluation
     * @param names the classes' names, or empty to number them
     * @return the measures by name, in a fixed order
     */
    public static Map<String, Object> measures(Evaluation e, List<String> names) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("samples", e.samples());
        out.put("loss", e.loss());
        if (e.tokens() != null) {
            out.put("tokens", e.tokens().tokens());
            out.put("accuracy", e.tokens().accuracy());
            out.put("perplexity", e.perplexity());
        }
        ConfusionMatrix m = e.confusion();
        if (m != null) {
            out.put("accuracy", m.accuracy());
            out.put("correct", correct(m));
            List<ClassMeasures> rows = perClass(m, names);
            for (ClassMeasures avg : averages(rows)) {
                String prefix = avg.name().startsWith("macro") ? "macro_" : "weighted_";
                out.put(prefix + "precision", avg.precision());
                out.put(prefix + "recall", avg.recall());
                out.put(prefix + "f1", avg.f1());
            }
            List<Map<String, Object>> classes = new ArrayList<>();
            for (ClassMeasures r : rows) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("class", r.name());
                row.put("precision", r.precision());
                row.put("recall", r.recall());
                row.put("f1", r.f1());
                row.put("support", r.support());
                classes.add(row);
            }
            out.put("classes", classes);
        }
        // measures that were not taken (NaN) are left out: JSON has no NaN
        out.values().removeIf(v -> v instanceof Double d && !Double.isFinite(d));
        return out;
    }

    /**
     * The measures as CSV in long form, {@code measure,class,value}: the overall ones with an empty
     * class, then precision, recall, f1 and support of each class.
     *
     * @param e an evaluation
     * @param names the classes' names, or empty to number them
     * @return the CSV text, a header line first
     */
    public static String csv(Evaluation e, List<String> names) {
        StringBuilder sb = new StringBuilder("measure,class,value\n");
        for (Map.Entry<String, Object> m : measures(e, names).entrySet()) {
            if (!(m.getValue() instanceof List<?>)) {
                sb.append(m.getKey()).append(",,").append(m.getValue()).append('\n');
            }
        }
        if (e.confusion() != null) {
            for (ClassMeasures r : perClass(e.confusion(), names)) {
                String name = csvField(r.name());
                sb.append("precision,").append(name).append(',').append(r.precision()).append('\n');
                sb.append("recall,").append(name).append(',').append(r.recall()).append('\n');
                sb.append("f1,").append(name).append(',').append(r.f1()).append('\n');
                sb.append("support,").append(name).append(',').append(r.support()).append('\n');
            }
        }
        return sb.toString();
    }

    /** A CSV field, quoted when it holds a comma, a quote or a line break. */
    public static String csvField(String text) {
        return text.matches("[^,\"\r\n]*") ? text : "\"" + text.replace("\"", "\"\"") + "\"";
    }

    /**
     * @param e an evaluation
     * @return its measures, classes numbered
     */
    public static Map<String, Object> measures(Evaluation e) {
        return measures(e, List.of());
    }

    private static long correct(ConfusionMatrix m) {
        long correct = 0;
        for (int c = 0; c < m.classes(); c++) {
            correct += m.count(c, c);
        }
        return correct;
    }
}
