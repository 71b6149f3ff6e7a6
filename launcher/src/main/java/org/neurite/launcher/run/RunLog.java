package org.neurite.launcher.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

import org.neurite.engine.io.AtomicFiles;
import org.neurite.engine.train.EpochResult;
import org.neurite.engine.train.Trainer;
import org.neurite.engine.train.TrainingListener;

/**
 * The run's log, {@code train.log}: what was trained on what, one line per epoch, and how the
 * run ended, each line stamped with the time. The whole file is rewritten atomically at every
 * line (it stays small), so a killed run leaves every line written before.
 */
public final class RunLog implements TrainingListener {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Path file;
    private final int epochs;
    private final StringBuilder text = new StringBuilder();

    /**
     * @param file the log file; its lines are kept when it exists (a resumed run)
     * @param epochs the epochs of the run
     * @throws IOException if an existing log cannot be read
     */
    public RunLog(Path file, int epochs) throws IOException {
        this.file = file;
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
        text.append(TIME.format(LocalDateTime.now())).append("  ").append(line).append('\n');
        try {
            AtomicFiles.writeString(file, text.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void onEpochEnd(Trainer trainer, EpochResult result) {
        line(EpochLine.of(result, epochs));
    }
}
