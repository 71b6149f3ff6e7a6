package org.neurite.launcher.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

/** {@code neurite plugins}. */
@Command(name = "plugins", mixinStandardHelpOptions = true, description = "Not implemented yet.")
public final class PluginsCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("neurite plugins: not implemented yet");
        return ExitCodes.RUN_FAILED;
    }
}
