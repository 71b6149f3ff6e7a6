package org.neurite.launcher.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code neurite} command and its subcommands. */
@Command(name = "neurite", mixinStandardHelpOptions = true,
        description = "Trains, evaluates and uses neural networks described in YAML or JSON run configs.",
        subcommands = {TrainCommand.class, EvaluateCommand.class, PredictCommand.class,
                PluginsCommand.class, LayersCommand.class, VersionCommand.class})
public final class NeuriteCommand implements Runnable {

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    /**
     * Parses and runs a command line.
     *
     * @param args the arguments
     * @return the exit code
     */
    public static int run(String... args) {
        return new CommandLine(new NeuriteCommand()).execute(args);
    }
}
