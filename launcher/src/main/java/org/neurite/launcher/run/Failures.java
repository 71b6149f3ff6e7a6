package org.neurite.launcher.run;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

import org.neurite.engine.io.FileFormatException;
import org.neurite.engine.io.NonFiniteWeightsException;
import org.neurite.engine.tensor.MemoryLimitException;
import org.neurite.engine.train.TrainingDivergedException;
import org.neurite.launcher.cli.ExitCodes;
import org.neurite.launcher.config.ConfigException;
import org.neurite.spark.SparkTrainingException;

/**
 * Turns the expected failures of {@code train}, {@code evaluate} and {@code predict} into
 * messages and exit codes, without a stack trace: a wrong config or command line exits with 2
 * (every problem on its own line), a run that failed (diverged training, a file that cannot be
 * read or written, a malformed or truncated file) with 1.
 */
public final class Failures {

    /** Set by the command line under {@code --debug}. */
    private static final String DEBUG = "neurite.debug";

    private Failures() {
    }

    /**
     * @param e the failure
     * @param command the command's name, such as {@code train}
     * @param err where the message goes
     * @return the exit code
     * @throws RuntimeException {@code e} itself when it is not an expected failure (a bug),
     *     so that the command line shows it as such
     */
    public static int report(Exception e, String command, PrintWriter err) {
        if (Boolean.getBoolean(DEBUG)) {
            // --debug: the stack trace of every failure, handled ones too, before its one-line message
            e.printStackTrace(err);
        }
        if (e instanceof ConfigException c) {
            c.errors().forEach(err::println);
            err.flush();
            return ExitCodes.USAGE;
        }
        String message;
        if (e instanceof NoSuchFileException n) {
            message = n.getFile() + ": no such file" + (n.getReason() == null ? "" : " (" + n.getReason() + ")");
        } else if (e instanceof AccessDeniedException a) {
            message = a.getFile() + ": permission denied";
        } else if (e instanceof UncheckedIOException u) {
            message = u.getMessage();
        } else if (e instanceof IOException || e instanceof FileFormatException || e instanceof TrainingDivergedException
                || e instanceof NonFiniteWeightsException || e instanceof MemoryLimitException
                || e instanceof SparkTrainingException) {
            message = e.getMessage();
        } else if (e instanceof RuntimeException r) {
            throw r;
        } else {
            message = e.toString();
        }
        err.println("neurite " + command + ": " + message);
        err.flush();
        return ExitCodes.RUN_FAILED;
    }
}
