package org.neurite.launcher.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

/** {@code neurite evaluate}. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, description = "Not implemented yet.")
public final class EvaluateCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("neurite evaluate: not implemented yet");
        return ExitCodes.RUN_FAILED;
    }
}
