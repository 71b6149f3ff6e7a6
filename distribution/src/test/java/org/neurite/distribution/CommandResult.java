package org.neurite.distribution;

/**
 * What one run of {@code bin/neurite} did.
 *
 * @param exitCode the process's exit code
 * @param stdout everything it wrote to standard output
 * @param stderr everything it wrote to standard error
 */
public record CommandResult(int exitCode, String stdout, String stderr) {

    /** @return standard output and standard error together, for messages that may go to either */
    public String output() {
        return stdout + stderr;
    }

    @Override
    public String toString() {
        return "exit code " + exitCode + "\n--- stdout ---\n" + stdout + "--- stderr ---\n" + stderr;
    }
}
