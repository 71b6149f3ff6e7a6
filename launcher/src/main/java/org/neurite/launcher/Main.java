package org.neurite.launcher;

import org.neurite.launcher.cli.NeuriteCommand;

/** Entry point of the {@code neurite} command. */
public final class Main {

    /** Guice's switch for generating classes at run time (for faster injection in long-lived servers). */
    private static final String GUICE_CLASS_GENERATION = "guice_bytecode_gen_option";
    /** Set by {@code bin/neurite} when this JVM writes the class-data-sharing archive at its exit. */
    static final String WRITES_CLASS_ARCHIVE = "neurite.cds.writing";

    private Main() {
    }

    /**
     * Runs the command line and exits with its code: 0 on success, 1 when a run fails, 2 for
     * usage or config errors.
     *
     * @param args the command-line arguments
     */
    public static void main(String[] args) {
        // A command runs once: building the object graph by reflection is cheaper than generating
        // classes for it, which also cannot come from the class-data-sharing archive.
        if (System.getProperty(GUICE_CLASS_GENERATION) == null) {
            System.setProperty(GUICE_CLASS_GENERATION, "DISABLED");
        }
        int status = NeuriteCommand.run(args);
        if (Boolean.getBoolean(WRITES_CLASS_ARCHIVE)) {
            // The archive is written as the JVM exits, in memory of its own on top of what the process
            // holds: the command's garbage (a run's data, hundreds of MiB) is collected first, so that
            // the heap gives its memory back and the first run's peak stays that of the work.
            System.gc();
        }
        System.exit(status);
    }
}
