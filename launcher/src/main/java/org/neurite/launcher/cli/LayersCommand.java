package org.neurite.launcher.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

/** {@code neurite layers}. */
@Command(name = "layers", mixinStandardHelpOptions = true, description = "Not implemented yet.")
public final class LayersCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("neurite layers: not implemented yet");
        return ExitCodes.RUN_FAILED;
    }
}
