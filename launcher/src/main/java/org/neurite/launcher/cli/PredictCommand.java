package org.neurite.launcher.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

/** {@code neurite predict}. */
@Command(name = "predict", mixinStandardHelpOptions = true, description = "Not implemented yet.")
public final class PredictCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("neurite predict: not implemented yet");
        return ExitCodes.RUN_FAILED;
    }
}
