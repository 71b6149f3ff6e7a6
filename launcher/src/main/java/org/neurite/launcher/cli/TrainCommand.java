package org.neurite.launcher.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

/** {@code neurite train}. */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Not implemented yet.")
public final class TrainCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("neurite train: not implemented yet");
        return ExitCodes.RUN_FAILED;
    }
}
