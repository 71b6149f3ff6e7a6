package org.neurite.launcher.cli;

import org.neurite.api.OptionException;
import org.neurite.api.ShapeMismatchException;

import picocli.CommandLine;

/** The exit codes of the {@code neurite} command. */
public final class ExitCodes {

    /** Everything worked. */
    public static final int OK = 0;
    /** A run failed: training diverged, a file could not be read or written, a plugin broke. */
    public static final int RUN_FAILED = 1;
    /** The command line or a config file is wrong; nothing was run. */
    public static final int USAGE = 2;

    private ExitCodes() {
    }

    /**
     * The exit code for an exception that ended a command: {@link #USAGE} for a wrong command
     * line, option or shape (what the person asked for cannot be done as written), else
     * {@link #RUN_FAILED}.
     *
     * @param e the exception, already unwrapped from any wrapper that adds nothing
     * @return the exit code
     */
    public static int of(Throwable e) {
        if (e instanceof CommandLine.ParameterException || e instanceof OptionException
                || e instanceof ShapeMismatchException) {
            return USAGE;
        }
        return RUN_FAILED;
    }
}
