package org.neurite.launcher.run.spark;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.neurite.engine.io.Json;
import org.neurite.engine.train.ConfusionMatrix;
import org.neurite.engine.train.Evaluation;
import org.neurite.engine.train.TokenCounts;

/**
 * A test evaluation as JSON text, so that an executor that measured the model on test data the
 * driver does not read can send it back: samples, loss (absent when not a number), the confusion
 * counts and the token counts when measured.
 */
final class TestFigures {

    private TestFigures() {
    }

    static String write(Evaluation e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("samples", e.samples());
        if (Double.isFinite(e.loss())) {
            m.put("loss", e.loss());
        }
        if (e.confusion() != null) {
            int n = e.confusion().classes();
            long[][] counts = new long[n][n];
            for (int a = 0; a < n; a++) {
                for (int p = 0; p < n; p++) {
                    counts[a][p] = e.confusion().count(a, p);
                }
            }
            m.put("confusion", counts);
        }
        if (e.tokens() != null) {
            m.put("tokens", List.of(e.tokens().tokens(), e.tokens().correct()));
        }
        return Json.writeCompact(m);
    }

    static Evaluation read(String text) {
        Map<?, ?> m = (Map<?, ?>) Json.read(text, "the executor's test measures");
        double loss = m.get("loss") instanceof Number n ? n.doubleValue() : Double.NaN;
        ConfusionMatrix confusion = null;
        if (m.get("confusion") instanceof List<?> rows) {
            long[][] counts = new long[rows.size()][];
            for (int a = 0; a < counts.length; a++) {
                counts[a] = ((List<?>) rows.get(a)).stream().mapToLong(v -> ((Number) v).longValue()).toArray();
            }
            confusion = ConfusionMatrix.of(counts);
        }
        TokenCounts tokens = m.get("tokens") instanceof List<?> t
                ? TokenCounts.of(((Number) t.get(0)).longValue(), ((Number) t.get(1)).longValue()) : null;
        return new Evaluation(((Number) m.get("samples")).longValue(), loss, confusion, tokens);
    }
}
