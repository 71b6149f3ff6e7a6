package org.neurite.launcher.inject;

import java.io.PrintWriter;

/**
 * Where commands write: results to {@code out}, problems to {@code err}. The command line is
 * given the same writers, so a test can capture everything by binding its own.
 *
 * @param out results
 * @param err problems and warnings
 */
public record CommandOutput(PrintWriter out, PrintWriter err) {

    /** @return the process's standard output and error, flushed on every line */
    public static CommandOutput standard() {
        return new CommandOutput(new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    }
}
