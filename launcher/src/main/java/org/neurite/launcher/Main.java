package org.neurite.launcher;

import org.neurite.launcher.cli.NeuriteCommand;

/** Entry point of the {@code neurite} command. */
public final class Main {

    /** Guice's switch for generating classes at run time (for faster injection in long-lived servers). */
    private static final String GUICE_CLASS_GENERATION = "guice_bytecode_gen_option";

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
        System.exit(NeuriteCommand.run(args));
    }
}
