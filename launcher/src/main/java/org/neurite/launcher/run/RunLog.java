package org.neurite.launcher.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

import org.neurite.engine.train.EpochResult;
import org.neurite.engine.train.ProgressLogger;
import org.neurite.engine.train.Trainer;
import org.neurite.engine.train.TrainingHistory;
import org.neurite.engine.train.TrainingListener;

/**
 * The run's log, {@code train.log}: what was trained on what, one line per epoch, and how the
 * run ended, each line stamped with the time. The whole file is rewritten atomically (it stays
 * small): at once for most lines, at most once a second for epoch lines.
 */
public final class RunLog implements TrainingListener {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final RewrittenFile file;
    private final int epochs;
    private final StringBuilder text = new StringBuilder();

    /**
     * @param file the log file; its lines are kept when it exists (a resumed run)
     * @param epochs the epochs of the run
     * @throws IOException if an existing log cannot be read
     */
    public RunLog(Path file, int epochs) throws IOException {
        this.file = new RewrittenFile(file);
        this.epochs = epochs;
        if (Files.exists(file)) {
            text.append(Files.readString(file));
        }
    }

    /**
     * Adds a line.
     *
     * @param line the line, without a line break
     */
    public void line(String line) {
        add(line, true);
    }

    private void add(String line, boolean force) {
        text.append(TIME.format(LocalDateTime.now())).append("  ").append(line).append('\n');
        file.update(text.toString(), force);
    }

    @Override
    public void onEpochEnd(Trainer trainer, EpochResult result) {
        // epoch lines may wait a moment when epochs are fast; every other line is written at once
        add(ProgressLogger.line(result, epochs), false);
    }

    @Override
    public void onTrainingEnd(Trainer trainer, TrainingHistory history) {
        flush();
    }

    /** Writes the lines that are waiting, as before a checkpoint: the log never lags one. */
    public void flush() {
        file.flush();
    }
}
