package org.neurite.launcher.run.progress;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The width of the terminal in columns: {@code $COLUMNS} when the shell exports it, else what
 * {@code stty size} reports for the controlling terminal, else 80. Java has no call for it, and
 * a progress line one column too long wraps and leaves a trail of lines behind.
 */
public final class TerminalWidth {

    /** The width assumed when none can be measured. */
    public static final int DEFAULT = 80;

    private TerminalWidth() {
    }

    /** @return the terminal's columns, at least 20 */
    public static int columns() {
        Integer fromEnvironment = parse(System.getenv("COLUMNS"));
        if (fromEnvironment != null) {
            return fromEnvironment;
        }
        Integer fromStty = stty();
        return fromStty != null ? fromStty : DEFAULT;
    }

    private static Integer stty() {
        File tty = new File("/dev/tty");
        if (!tty.exists()) {
            return null;
        }
        try {
            Process p = new ProcessBuilder("stty", "size").redirectInput(tty)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
            if (!p.waitFor(1, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroy();
                return null;
            }
            String[] rowsColumns = out.split("\\s+");
            return rowsColumns.length == 2 ? parse(rowsColumns[1]) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** A width written as text, or null if it is not a sensible one. */
    static Integer parse(String text) {
        if (text == null || !text.strip().matches("\\d{1,4}")) {
            return null;
        }
        int columns = Integer.parseInt(text.strip());
        return columns >= 20 ? columns : null;
    }
}
