package org.neurite.launcher;

import org.neurite.launcher.cli.NeuriteCommand;

/** Entry point of the {@code neurite} command. */
public final class Main {

    private Main() {
    }

    /**
     * Runs the command line and exits with its code: 0 on success, 1 when a run fails, 2 for
     * usage or config errors.
     *
     * @param args the command-line arguments
     */
    public static void main(String[] args) {
        System.exit(NeuriteCommand.run(args));
    }
}
