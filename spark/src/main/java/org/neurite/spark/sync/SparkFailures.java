package org.neurite.spark.sync;

import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.spark.SparkException;
import org.neurite.spark.SparkTrainingException;

/**
 * Turns a failed Spark job into one line: Spark reports a task's failure as a page of text
 * (stage, task, host, then the executor's exception and its stack); the line kept is the
 * executor's exception message, with the task that failed.
 */
public final class SparkFailures {

    private static final Pattern LOST = Pattern.compile("most recent failure: Lost task ([^ ]+) in stage [^)]*\\)"
            + " \\(([^)]*)\\): (?:[\\w.$]+(?:Exception|Error): )?(.*)");

    private SparkFailures() {
    }

    /**
     * @param job the Spark job to run
     * @param <T> its result
     * @return the result
     * @throws SparkTrainingException if the job fails, with the executor's message in one line
     */
    public static <T> T oneLine(Supplier<T> job) {
        try {
            return job.get();
        } catch (Exception e) {
            // Scala throws the checked SparkException without declaring it, so javac does not see it coming
            if (e instanceof SparkException) {
                throw new SparkTrainingException("spark: " + describe(e.getMessage()), e);
            }
            throw (RuntimeException) e;
        }
    }

    /** @return the executor's message from Spark's report of a failed job, else the report's first line */
    static String describe(String report) {
        String text = report == null ? "the job failed" : report;
        Matcher m = LOST.matcher(text);
        if (m.find()) {
            return m.group(3).strip() + " (task " + m.group(1) + " on " + m.group(2) + ")";
        }
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }
}
