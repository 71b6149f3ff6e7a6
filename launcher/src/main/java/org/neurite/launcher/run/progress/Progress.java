package org.neurite.launcher.run.progress;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

import org.neurite.engine.io.Json;
import org.neurite.engine.train.TrainingListener;

/**
 * What {@code neurite train} prints while it runs and when it ends: a progress bar on a terminal,
 * one line per epoch elsewhere, only the results under {@code --quiet}, or one JSON object per
 * line under {@code --log-format json}.
 */
public enum Progress {
    /** A line redrawn in place, fitted to the terminal; a summary line per epoch. */
    BAR,
    /** One summary line per epoch (output that is not a terminal: a file, a pipe, a CI log). */
    LINES,
    /** Nothing while training; the test result and the run folder at the end. */
    QUIET,
    /** One JSON object per epoch and per some steps, then one for each result. */
    JSON;

    /**
     * @param out where progress goes
     * @param epochs the epochs of the run
     * @param samples the training samples per epoch
     * @param batchSize samples per batch; 0 for full batches
     * @param everySteps how often {@link #JSON} reports a step
     * @return the listener that prints progress, or {@code null} for none
     */
    public TrainingListener listener(PrintWriter out, int epochs, int samples, int batchSize, int everySteps) {
        return switch (this) {
            case BAR -> new ProgressBar(out, epochs, samples, batchSize, TerminalWidth::columns);
            case LINES -> new EpochLines(out, epochs);
            case QUIET -> null;
            case JSON -> new JsonLines(out, everySteps);
        };
    }

    /**
     * Prints a remark of the run (early stopping's verdict, nothing to train...); not under {@link #QUIET}.
     *
     * @param out the output
     * @param line the remark
     */
    public void note(PrintWriter out, String line) {
        switch (this) {
            case QUIET -> { }
            case JSON -> out.println(object("note", Map.of("text", line)));
            default -> out.println(line);
        }
    }

    /**
     * Prints a result: the test measures, the run folder.
     *
     * @param out the output
     * @param event its name in JSON, such as {@code test}
     * @param line the line a person reads
     * @param fields the same as values, for JSON
     */
    public void result(PrintWriter out, String event, String line, Map<String, ?> fields) {
        out.println(this == JSON ? object(event, fields) : line);
    }

    /** One line of JSON: the event first, then the fields; numbers that are not finite are left out. */
    static String object(String event, Map<String, ?> fields) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("event", event);
        fields.forEach((k, v) -> {
            if (!(v instanceof Double d && !Double.isFinite(d)) && !(v instanceof Float f && !Float.isFinite(f))) {
                o.put(k, v);
            }
        });
        return Json.writeCompact(o);
    }
}
