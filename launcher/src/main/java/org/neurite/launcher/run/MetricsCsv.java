package org.neurite.launcher.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.neurite.engine.train.EpochResult;
import org.neurite.engine.train.Evaluation;
import org.neurite.engine.train.Trainer;
import org.neurite.engine.train.TrainingHistory;
import org.neurite.engine.train.TrainingListener;
import org.neurite.engine.train.TrainingState;

/**
 * Keeps {@code metrics.csv}: a header, one row per epoch and, when there is test data, a last row
 * {@code test,loss,accuracy,,,,} with the final model's test measures; rewritten atomically after
 * epochs (at most once a second, and at the end). Measures that were not taken (accuracy of a regression, validation without validation
 * data) are empty fields.
 */
public final class MetricsCsv implements TrainingListener {

    /** The header line. */
    public static final String HEADER = "epoch,loss,accuracy,val_loss,val_accuracy,seconds,lr";

    private final RewrittenFile file;
    private final List<EpochResult> rows = new ArrayList<>();
    private String testRow;

    /**
     * @param file the file to keep
     */
    public MetricsCsv(Path file) {
        this.file = new RewrittenFile(file);
    }

    @Override
    public void onResume(Trainer trainer, TrainingState from) {
        rows.clear();
        rows.addAll(from.history());
        // epochs after the checkpoint run again: their rows go until then
        file.update(content(), true);
    }

    @Override
    public void onEpochEnd(Trainer trainer, EpochResult result) {
        rows.add(result);
        file.update(content(), false);
    }

    /** Writes the file as it stands: at the end of a run, even one without epochs. */
    @Override
    public void onTrainingEnd(Trainer trainer, TrainingHistory history) {
        file.update(content(), true);
    }

    /**
     * Adds the final measure on the test data as a last row, {@code test,loss,accuracy,,,,}, and writes the file.
     *
     * @param test the test evaluation
     */
    public void test(Evaluation test) {
        testRow = "test," + number(test.loss()) + "," + number(test.accuracy()) + ",,,,";
        file.update(content(), true);
    }

    /** Writes the rows not yet written, as when a run fails. */
    public void flush() {
        file.flush();
    }

    private String content() {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (EpochResult r : rows) {
            sb.append(row(r)).append('\n');
        }
        if (testRow != null) {
            sb.append(testRow).append('\n');
        }
        return sb.toString();
    }

    /**
     * @param r an epoch's result
     * @return its row, without a line break
     */
    static String row(EpochResult r) {
        return r.epoch() + "," + number(r.loss()) + "," + number(r.accuracy()) + "," + number(r.validationLoss()) + ","
                + number(r.validationAccuracy()) + "," + String.format(Locale.ROOT, "%.3f", r.seconds()) + ","
                + number(r.learningRate());
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
    }
}
