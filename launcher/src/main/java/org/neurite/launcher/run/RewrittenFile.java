package org.neurite.launcher.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import org.neurite.engine.io.AtomicFiles;

/**
 * A small text file that a run rewrites whole, atomically, as it grows (the metrics, the log).
 * Each atomic write syncs the disk, so when epochs take milliseconds the rewrites are spaced at
 * least a second apart; a forced write, and the last one, always happen.
 */
final class RewrittenFile {

    private static final long SPACING_NANOS = 1_000_000_000L;

    private final Path file;
    private long lastWrite = Long.MIN_VALUE;
    private String pending;

    RewrittenFile(Path file) {
        this.file = file;
    }

    /**
     * @param text the file's whole new content
     * @param force write now, however recent the last write
     */
    void update(String text, boolean force) {
        pending = text;
        long now = System.nanoTime();
        if (force || lastWrite == Long.MIN_VALUE || now - lastWrite >= SPACING_NANOS) {
            flush();
            lastWrite = now;
        }
    }

    /** Writes the content not yet written, if any. */
    void flush() {
        if (pending == null) {
            return;
        }
        try {
            AtomicFiles.writeString(file, pending);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        pending = null;
    }
}
