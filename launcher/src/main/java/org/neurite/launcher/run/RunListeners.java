package org.neurite.launcher.run;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

import org.neurite.engine.train.CheckpointWriter;
import org.neurite.engine.train.EarlyStopping;
import org.neurite.engine.train.Monitor;
import org.neurite.engine.train.TrainingListener;
import org.neurite.launcher.config.TrainingConfig;
import org.neurite.launcher.run.data.RunData;
import org.neurite.launcher.run.progress.Progress;

/**
 * What listens to a run's trainer, as the training section asks: the log, {@code metrics.csv},
 * the progress shown, early stopping, the stop at zero errors, checkpoints and the learning curves,
 * in that order.
 */
final class RunListeners {

    final RunLog log;
    final MetricsCsv metrics;
    final LearningCurves curves;
    /** Early stopping, or {@code null}. */
    final EarlyStopping early;
    /** The stop at zero training errors, or {@code null}. */
    final ZeroErrorStop zero;
    /** Whether the best epoch's weights become the model. */
    final boolean restoreBest;
    private final List<TrainingListener> fromResults = new ArrayList<>();
    private final List<TrainingListener> all = new ArrayList<>();

    /**
     * @param t the training section
     * @param data the run's data
     * @param folder the run folder
     * @param progress what is shown
     * @param out where it is shown
     * @param jsonEverySteps how often JSON progress reports a step
     * @throws IOException if the log of a resumed run cannot be read
     */
    RunListeners(TrainingConfig t, RunData data, RunFolder folder, Progress progress, PrintWriter out,
                 int jsonEverySteps) throws IOException {
        log = new RunLog(folder.log(), t.epochs());
        metrics = new MetricsCsv(folder.metrics());
        fromResults.add(log);
        fromResults.add(metrics);
        TrainingListener shown = progress.listener(out, t.epochs(), data.trainSize(), t.batchSize(), jsonEverySteps);
        if (shown != null) {
            fromResults.add(shown);
        }
        all.addAll(fromResults);
        early = t.earlyStopping() == null ? null : new EarlyStopping(Monitor.of(t.earlyStopping().monitor()),
                t.earlyStopping().patience(), t.earlyStopping().minDelta());
        if (early != null) {
            all.add(early);
        }
        zero = t.stopAtZeroErrors() ? new ZeroErrorStop(data.train()) : null;
        if (zero != null) {
            all.add(zero);
        }
        restoreBest = early != null && t.earlyStopping().restoreBest();
        if (t.checkpointEvery() > 0 || restoreBest || t.checkpoint().keepBest()) {
            all.add(checkpoints(t, folder));
        }
        curves = new LearningCurves(folder.curves(), t.checkpointEvery());
        fromResults.add(curves);
        all.add(curves);
    }

    private CheckpointWriter checkpoints(TrainingConfig t, RunFolder folder) {
        // the best epoch's weights are restored from its checkpoint, so it is saved even between intervals
        CheckpointWriter checkpoints = new CheckpointWriter(folder.checkpoints(),
                t.checkpointEvery() > 0 ? t.checkpointEvery() : Integer.MAX_VALUE)
                .keepLast(t.checkpoint().keepLast()).beforeSave(() -> {
                    metrics.flush();
                    log.flush();
                });
        if (t.checkpoint().keepBest()) {
            checkpoints.keepBest(Monitor.of(t.checkpoint().monitor()));
        }
        if (restoreBest) {
            checkpoints.keepBest(early);
        }
        return checkpoints;
    }

    /** @return every listener, for a trainer on this machine */
    List<TrainingListener> all() {
        return all;
    }

    /**
     * @return the listeners that only read the epochs' results, with early stopping before the
     *     curves as on one machine, for a run trained elsewhere whose epochs are told here
     */
    List<TrainingListener> fromResultsAndEarlyStopping() {
        List<TrainingListener> listeners = new ArrayList<>(fromResults);
        if (early != null) {
            listeners.add(listeners.indexOf(curves), early);
        }
        return listeners;
    }

    /** Writes what the log and metrics hold so far, as before a failure is reported. */
    void flush() {
        metrics.flush();
        log.flush();
    }
}
