package org.neurite.launcher.cli;

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
}
