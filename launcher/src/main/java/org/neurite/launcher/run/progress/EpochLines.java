package org.neurite.launcher.run.progress;

import java.io.PrintWriter;

import org.neurite.engine.train.EpochResult;
import org.neurite.engine.train.ProgressLogger;
import org.neurite.engine.train.Trainer;
import org.neurite.engine.train.TrainingListener;

/** Progress for output that is not a terminal (a file, a pipe, a CI log): one plain line per epoch. */
public final class EpochLines implements TrainingListener {

    private final PrintWriter out;
    private final int epochs;

    /**
     * @param out where the lines go
     * @param epochs the epochs of the run
     */
    public EpochLines(PrintWriter out, int epochs) {
        this.out = out;
        this.epochs = epochs;
    }

    @Override
    public void onEpochEnd(Trainer trainer, EpochResult result) {
        out.println(ProgressLogger.line(result, epochs));
        out.flush();
    }
}
